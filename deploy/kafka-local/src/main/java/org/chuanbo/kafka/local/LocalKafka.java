package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * A real Apache Kafka broker for the local stack and tests: one KRaft node (broker and controller
 * in one process) in a child JVM, listening on {@value LoopbackPorts#HOST}.
 *
 * <p>{@link #start()} formats the data directory on first use, starts {@code kafka.Kafka} and
 * returns once the broker answers {@code describeCluster} with this directory's cluster id. {@link
 * #stop()} sends SIGTERM, which runs Kafka's own clean shutdown, and waits for the exit. A JVM
 * shutdown hook stops the broker if the caller exits without {@link #stop()}; only a SIGKILL of the
 * caller leaves it running (a later start then reports its port or data directory as in use).
 */
public final class LocalKafka implements AutoCloseable {

  /** Kafka's clean shutdown of one node takes about 2 s; past this it is killed. */
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** How often start() looks again while the broker is starting. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final LocalKafkaSettings settings;
  private final BrokerDirectory directory;
  private Process broker;
  private Thread stopAtExit;

  public LocalKafka(LocalKafkaSettings settings) {
    this.settings = settings;
    this.directory = new BrokerDirectory(settings.dataDirectory());
  }

  /**
   * Starts the broker and returns when it answers; throws {@link IllegalStateException} with one
   * line saying why (and naming the log file) when it does not.
   */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
    }
    stop(); // clears what a broker that died on its own left behind (its shutdown hook)
    requireFree(settings.port(), "its port");
    int controllerPort =
        settings.controllerPort() == 0 ? LoopbackPorts.freePort() : settings.controllerPort();
    requireFree(controllerPort, "its controller port");
    if (directory.isLockedByABroker()) {
      throw new IllegalStateException(
          "cannot start a Kafka broker on "
              + bootstrapServers()
              + ": its data directory "
              + directory.root()
              + " is in use by another running broker");
    }

    directory.create();
    SingleNodeServerConfig.write(
        directory.serverProperties(),
        SingleNodeServerConfig.properties(directory, settings.port(), controllerPort));
    if (!KraftStorage.isFormatted(directory)) {
      KraftStorage.format(directory);
    }
    String clusterId = KraftStorage.clusterId(directory);

    long logOffset = directory.rotateServerLog();
    ProcessBuilder command =
        ChildJvm.command(
                BrokerMain.class.getName(),
                List.of("-Xmx" + settings.maxHeap()),
                List.of(directory.serverProperties().toString()))
            .directory(directory.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.serverLog().toFile()))
            // Standard input stays a pipe held open by this process: the broker exits when it
            // closes, which is when this process ends, however it ends (BrokerMain).
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process started;
    try {
      started = command.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
    }
    broker = started;
    stopAtExit = new Thread(() -> terminate(started), "local-kafka-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    try {
      awaitAnswer(clusterId, logOffset);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Stops the broker (SIGTERM, then waits); its data stays. A no-op when not running. */
  public synchronized void stop() {
    if (broker == null) {
      return;
    }
    try {
      terminate(broker);
    } finally {
      broker = null;
      removeShutdownHook();
    }
  }

  /**
   * SIGTERM runs Kafka's own shutdown hook, which flushes and closes every log cleanly. Takes no
   * lock, so the JVM shutdown hook can stop a broker that {@link #start()} still waits for.
   */
  private static void terminate(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        // Data survives a kill too; the next start recovers the unflushed segments.
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return broker != null && broker.isAlive();
  }

  /** The broker JVM's process id. */
  public synchronized long pid() {
    if (broker == null) {
      throw new IllegalStateException("Kafka broker is not running");
    }
    return broker.pid();
  }

  /** What clients put in {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /** The id the data directory was formatted with; it stays the same across restarts. */
  public String clusterId() {
    return KraftStorage.clusterId(directory);
  }

  /** The broker's log (and its JVM's stdout and stderr). */
  public Path logFile() {
    return directory.serverLog();
  }

  public LocalKafkaSettings settings() {
    return settings;
  }

  private void requireFree(int port, String what) {
    if (LoopbackPorts.isTaken(port)) {
      throw new IllegalStateException(
          "cannot start a Kafka broker on "
              + bootstrapServers()
              + ": "
              + what
              + " "
              + LoopbackPorts.HOST
              + ":"
              + port
              + " is in use by another process (another broker still running?)");
    }
  }

  /**
   * Waits until the broker answers describeCluster with our cluster id, so an answer from some
   * other broker on the port never counts. Fails early when the broker JVM exits.
   */
  private void awaitAnswer(String clusterId, long logOffset) {
    Instant deadline = Instant.now().plus(settings.startupTimeout());
    Admin admin = null;
    try {
      while (true) {
        if (!broker.isAlive()) {
          throw startupFailure("its JVM exited with code " + broker.exitValue(), logOffset);
        }
        if (Instant.now().isAfter(deadline)) {
          throw startupFailure(
              "no answer within " + settings.startupTimeout().toSeconds() + " s", logOffset);
        }
        // Kafka opens the client port only when it is ready; asking earlier only fills the
        // caller's log with connection warnings.
        if (LoopbackPorts.accepts(settings.port())) {
          admin = admin != null ? admin : readinessClient();
          String answered = describedClusterId(admin);
          if (clusterId.equals(answered)) {
            return;
          }
          if (answered != null) {
            throw startupFailure(
                "the port answered for another Kafka cluster (" + answered + ")", logOffset);
          }
        }
        pauseUnlessExited();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    } finally {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
    }
  }

  /** Waiting on the JVM's exit is the pause between looks, and ends early when it dies. */
  private void pauseUnlessExited() throws InterruptedException {
    try {
      broker.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Still running (or nothing to learn): the next look tells.
    }
  }

  private Admin readinessClient() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "chuanbo-local-kafka-readiness",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            2000));
  }

  /** The cluster id the broker answers with, or null while it does not answer yet. */
  private static String describedClusterId(Admin admin) throws InterruptedException {
    try {
      return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get();
    } catch (ExecutionException | KafkaException e) {
      return null;
    }
  }

  private IllegalStateException startupFailure(String reason, long logOffset) {
    String cause = StartupCause.in(directory.serverLog(), logOffset).map(c -> "; " + c).orElse("");
    return new IllegalStateException(
        "Kafka broker on "
            + bootstrapServers()
            + " did not start: "
            + reason
            + cause
            + " (log: "
            + directory.serverLog()
            + ")");
  }

  private void removeShutdownHook() {
    if (stopAtExit == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook finds the broker gone and returns.
    }
    stopAtExit = null;
  }
}
