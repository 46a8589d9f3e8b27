package org.chuanbo.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupCauseTest {

  @Test
  void shouldJoinKafkasFirstErrorWithTheExceptionUnderIt() {
    List<String> log =
        List.of(
            "2026-11-26T12:24:50.101 [main] INFO kafka.network.SocketServer - [SocketServer"
                + " listenerType=BROKER, nodeId=1] Enabling request processing.",
            "2026-11-26T12:24:50.102 [main] ERROR kafka.network.DataPlaneAcceptor - Unable to"
                + " start acceptor for PLAINTEXT",
            "org.apache.kafka.common.KafkaException: Socket server failed to bind to"
                + " 127.0.0.1:9092: Address already in use.",
            "\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:729)",
            "2026-11-26T12:24:50.200 [main] ERROR kafka.Kafka$ -  FATAL Exiting Kafka due to fatal"
                + " exception during startup.");

    assertThat(StartupCause.in(log))
        .contains(
            "Unable to start acceptor for PLAINTEXT: org.apache.kafka.common.KafkaException:"
                + " Socket server failed to bind to 127.0.0.1:9092: Address already in use.");
  }

  @Test
  void shouldNotTakeTheNextLogLineOrAStackFrameForDetail() {
    assertThat(
            StartupCause.in(
                List.of(
                    "2026-11-26T12:00:00.000 [main] ERROR kafka.Kafka$ - first",
                    "2026-11-26T12:00:00.001 [main] INFO kafka.Kafka$ - second")))
        .contains("first");
    assertThat(
            StartupCause.in(
                List.of("2026-11-26T12:00:00.000 [main] ERROR kafka.Kafka$ - first", "\tat x.y()")))
        .contains("first");
  }

  @Test
  void shouldReportWhatTheJvmPrintsBeforeLoggingStarts() {
    assertThat(
            StartupCause.in(
                List.of("Error occurred during initialization of VM", "Too small maximum heap")))
        .contains("Error occurred during initialization of VM: Too small maximum heap");
    assertThat(
            StartupCause.in(
                List.of(
                    "Error: Could not find or load main class kafka.Kafka",
                    "Caused by: java.lang.ClassNotFoundException: kafka.Kafka")))
        .contains(
            "Error: Could not find or load main class kafka.Kafka: Caused by:"
                + " java.lang.ClassNotFoundException: kafka.Kafka");
  }

  @Test
  void shouldFindNothingInACleanLog() {
    assertThat(
            StartupCause.in(
                List.of(
                    "2026-11-26T12:00:00.000 [main] INFO kafka.server.KafkaRaftServer -"
                        + " [KafkaRaftServer nodeId=1] Kafka Server started")))
        .isEmpty();
  }
}
