package org.chuanbo.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link LocalKafka} runs its broker.
 *
 * <ul>
 *   <li>{@code dataDirectory}: holds the broker's configuration, data and log; kept across restarts
 *       (the launcher uses {@code .chuanbo/kafka}).
 *   <li>{@code port}: the client listener on {@value LoopbackPorts#HOST}, default {@value
 *       #DEFAULT_PORT}.
 *   <li>{@code controllerPort}: the KRaft controller listener; 0 (the default) takes a free port at
 *       each start. Only the broker itself talks to it.
 *   <li>{@code startupTimeout}: how long {@link LocalKafka#start()} waits for an answer, default 60
 *       s (a cold start takes about 4 s; a start after an unclean stop recovers its logs).
 *   <li>{@code maxHeap}: the broker JVM's {@code -Xmx}, default {@value #DEFAULT_MAX_HEAP}, plenty
 *       for the local event rates.
 * </ul>
 */
public record LocalKafkaSettings(
    Path dataDirectory, int port, int controllerPort, Duration startupTimeout, String maxHeap) {

  public static final int DEFAULT_PORT = 9092;
  public static final String DEFAULT_MAX_HEAP = "512m";
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  public LocalKafkaSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(maxHeap, "maxHeap");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    if (controllerPort < 0 || controllerPort > 65535 || controllerPort == port) {
      throw new IllegalArgumentException(
          "controllerPort must be 0 (any free port) or a port other than "
              + port
              + ", got "
              + controllerPort);
    }
  }

  /** The defaults, with data in {@code dataDirectory}. */
  public static LocalKafkaSettings in(Path dataDirectory) {
    return new LocalKafkaSettings(
        dataDirectory, DEFAULT_PORT, 0, DEFAULT_STARTUP_TIMEOUT, DEFAULT_MAX_HEAP);
  }

  public LocalKafkaSettings withPort(int port) {
    return new LocalKafkaSettings(dataDirectory, port, controllerPort, startupTimeout, maxHeap);
  }

  public LocalKafkaSettings withMaxHeap(String maxHeap) {
    return new LocalKafkaSettings(dataDirectory, port, controllerPort, startupTimeout, maxHeap);
  }

  /** What clients put in {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + port;
  }
}
