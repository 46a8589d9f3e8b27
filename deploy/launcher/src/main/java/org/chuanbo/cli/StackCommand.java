package org.chuanbo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chuanbo.cli.stack.FlinkJobHealth;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackPorts;
import org.chuanbo.cli.stack.StackProcess;
import org.chuanbo.cli.stack.StackState;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./chuanbo stack up|status|down}: the local Kafka, ClickHouse and Flink job. */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description =
        "Starts, inspects and stops the local stack: Kafka, ClickHouse and the Flink job. State and logs in .chuanbo/.",
    subcommands = {
      StackCommand.Up.class,
      StackCommand.Status.class,
      StackCommand.Down.class,
      StackCommand.Run.class
    })
final class StackCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static StackLayout layout() {
    return StackLayout.in(ProjectRoot.path());
  }

  /** The running stack's ports, else the defaults: where a command finds Kafka and ClickHouse. */
  static StackPorts runningOrDefaultPorts() {
    return running().map(StackState::ports).orElse(StackPorts.DEFAULTS);
  }

  /**
   * The stack's ClickHouse at {@code ports} as its reader: what every command that only reads uses.
   */
  static ClickHouseEndpoint readerEndpoint(StackPorts ports) {
    return endpointAs(ports, StackCredentials.READER);
  }

  /**
   * The stack's ClickHouse at {@code ports} as one of its users. Before the first {@code stack up}
   * there are no credentials, and the endpoint found there (a standalone one, say) is asked as its
   * passwordless default user.
   */
  static ClickHouseEndpoint endpointAs(StackPorts ports, String user) {
    return StackCredentials.readIfPresent(layout().credentials())
        .map(credentials -> credentials.login(ports.clickHouseUrl(), user))
        .orElseGet(() -> new ClickHouseEndpoint(ports.clickHouseUrl(), "default", ""));
  }

  /** The stack whose process is alive, in whatever phase. */
  static Optional<StackState> alive() {
    return StackState.readFrom(layout().stateFile()).filter(StackState::processAlive);
  }

  /** The running stack, if its process is alive and ready. */
  static Optional<StackState> running() {
    return alive().filter(state -> state.phase().equals(StackState.READY));
  }

  /** Ports flags shared by up and run. */
  static final class PortOptions {
    @Option(
        names = "--kafka-port",
        defaultValue = "9092",
        description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafka;

    @Option(
        names = "--clickhouse-port",
        defaultValue = "8123",
        description = "ClickHouse HTTP port (default: ${DEFAULT-VALUE}).")
    int clickHouse;

    @Option(
        names = "--flink-port",
        defaultValue = "8081",
        description = "Flink web UI / REST port (default: ${DEFAULT-VALUE}).")
    int flink;

    @Option(
        names = "--parallelism",
        defaultValue = "2",
        description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
        names = "--no-job",
        description =
            "Kafka and ClickHouse only, without the stack's own job: for a Flink cluster's job"
                + " (./chuanbo cluster up, ./chuanbo job submit) to be the only writer.")
    boolean noJob;

    StackPorts ports() {
      for (int port : new int[] {kafka, clickHouse, flink}) {
        if (port <= 0 || port > 65535) {
          throw new IllegalArgumentException("ports must be between 1 and 65535, got " + port);
        }
      }
      if (parallelism < 1) {
        throw new IllegalArgumentException("--parallelism must be at least 1");
      }
      return new StackPorts(kafka, clickHouse, flink);
    }

    private List<String> portArguments() {
      return List.of(
          "--kafka-port", Integer.toString(kafka),
          "--clickhouse-port", Integer.toString(clickHouse),
          "--flink-port", Integer.toString(flink),
          "--parallelism", Integer.toString(parallelism));
    }

    List<String> asArguments() {
      List<String> arguments = new ArrayList<>(portArguments());
      if (noJob) {
        arguments.add("--no-job");
      }
      return arguments;
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = "Starts the stack in the background and returns when it is ready.")
  static final class Up implements Runnable {
    @picocli.CommandLine.Mixin PortOptions options = new PortOptions();

    @Override
    public void run() {
      StackState state = start(options);
      printAddresses(state);
    }

    static StackState start(PortOptions options) {
      StackPorts ports = options.ports();
      Optional<StackState> running = running();
      if (running.isPresent()) {
        System.out.println("the local stack is already running (pid " + running.get().pid() + ")");
        return running.get();
      }
      StackLayout layout = layout();
      try {
        List<String> arguments = new ArrayList<>(List.of("stack", "run"));
        arguments.addAll(options.asArguments());
        System.out.println("starting the local stack (log: " + layout.log() + ") …");
        Process process = DetachedCli.start(arguments, layout.log());
        StackState state = StackProcess.awaitReady(layout, process, Duration.ofMinutes(3));
        if (!state.phase().equals(StackState.READY)) {
          throw new IllegalStateException(
              StackProcess.failureCause(layout) + " (full log: " + layout.log() + ")");
        }
        return state;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the local stack: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the local stack", e);
      }
    }
  }

  static void printAddresses(StackState state) {
    StackPorts ports = state.ports();
    System.out.println("本地环境已就绪 / local stack ready (pid " + state.pid() + ")");
    System.out.println(
        "  Kafka       "
            + ports.kafkaAddress()
            + "   topics "
            + String.join(", ", Topics.EVENTS, Topics.ARTICLES, Topics.EVENTS_DLQ));
    System.out.println(
        "  ClickHouse  "
            + ports.clickHouseUrl()
            + "   jdbc:clickhouse://127.0.0.1:"
            + ports.clickHouse()
            + "  database chuanbo");
    System.out.println(
        state.runsJob()
            ? "  Flink UI    " + ports.flinkUrl()
            : "  Flink job   none (--no-job): ./chuanbo cluster up, then ./chuanbo job submit");
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Says whether the stack and each of its parts answer.")
  static final class Status implements Runnable {
    @Override
    public void run() {
      Optional<StackState> state = alive();
      if (state.isEmpty()) {
        System.out.println("the local stack is not running (./chuanbo stack up starts it)");
        return;
      }
      StackPorts ports = state.get().ports();
      System.out.println(
          "local stack: " + state.get().phase() + " (pid " + state.get().pid() + ")");
      System.out.println(
          "  ClickHouse  " + ports.clickHouseUrl() + "  " + probe(ports.clickHouseUrl() + "/ping"));
      if (state.get().runsJob()) {
        System.out.println("  Flink UI    " + ports.flinkUrl());
        System.out.println("  " + FlinkJobHealth.describe(ports.flinkUrl()));
      } else {
        System.out.println("  Flink job   none (started with --no-job; ./chuanbo job status)");
      }
      System.out.println(
          "  Kafka       "
              + ports.kafkaAddress()
              + "  "
              + (LoopbackPorts.accepts(ports.kafka(), 1000) ? "answers" : "no answer"));
      System.out.println("  " + DashboardsCommand.describe(DashboardsCommand.server()));
    }

    private static String probe(String url) {
      try {
        HttpResponse<String> response =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .build()
                .send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
        String body = response.body().strip();
        return response.statusCode() == 200
            ? "answers: " + (body.length() > 120 ? body.substring(0, 120) + "…" : body)
            : "HTTP " + response.statusCode();
      } catch (IOException e) {
        return "no answer";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stops the stack; data and the job's checkpoints stay in .chuanbo/.")
  static final class Down implements Runnable {
    @Override
    public void run() {
      try {
        if (DashboardsCommand.server().down()) {
          System.out.println("Superset stopped");
        }
      } catch (IOException e) {
        System.out.println("could not stop Superset: " + e.getMessage());
      }
      Optional<StackState> state = alive();
      if (state.isEmpty()) {
        System.out.println("the local stack is not running");
        return;
      }
      ProcessHandle process = ProcessHandle.of(state.get().pid()).orElseThrow();
      process.destroy();
      try {
        process.onExit().get(90, TimeUnit.SECONDS);
        System.out.println("local stack stopped");
        if (ClusterCommand.alive().isPresent()) {
          // Its job reads and writes this stack: without it, it fails and restarts until it is
          // back.
          System.out.println(
              "the Flink cluster still runs, and its job waits for Kafka and ClickHouse:"
                  + " ./chuanbo stack up --no-job brings them back, ./chuanbo cluster down stops it");
        }
      } catch (Exception e) {
        process.destroyForcibly();
        System.out.println(
            "the local stack did not stop within 90 s and was killed; see " + layout().log());
      }
    }
  }

  @Command(
      name = "run",
      hidden = true,
      description = "Runs the stack in the foreground (what 'up' starts in the background).")
  static final class Run implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Mixin PortOptions options = new PortOptions();

    @Override
    public Integer call() throws Exception {
      StackProcess.run(layout(), options.ports(), options.noJob ? 0 : options.parallelism);
      return 0;
    }
  }
}
