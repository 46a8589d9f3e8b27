package org.chuanbo.cli;

import org.chuanbo.clickhouse.local.engine.EngineExit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every user-facing command of Chuanbo, behind the {@code ./chuanbo} launcher. */
@Command(
    name = "chuanbo",
    mixinStandardHelpOptions = true,
    version = "chuanbo 0.1.0",
    description =
        "Chuanbo (传播): how every article of the media centre spreads across its channels.",
    subcommands = {
      DemoCommand.class,
      StackCommand.class,
      ClusterCommand.class,
      JobCommand.class,
      GenerateCommand.class,
      MigrateCommand.class,
      ArticleCommand.class,
      DiCommand.class,
      DashboardsCommand.class,
      ReportCommand.class,
      ClickHouseCommand.class,
      ClickHouseBenchCommand.class,
      BenchCommand.class
    })
public final class ChuanboCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    EngineExit.exit(commandLine().execute(args));
  }

  /** The command line with the project's error handling: one line that says what to fix. */
  static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /**
   * The same, with commands made by {@code factory} (tests hand in commands with a fixed clock).
   */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine commandLine = new CommandLine(new ChuanboCli(), factory);
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          failed
              .getErr()
              .println(
                  "chuanbo: "
                      + exception.getMessage()
                      + " (see ./chuanbo "
                      + qualifiedName(failed)
                      + "--help)");
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println("chuanbo: " + oneLine(exception));
          return 1;
        });
    return commandLine;
  }

  private static String qualifiedName(CommandLine commandLine) {
    String name = commandLine.getCommandSpec().qualifiedName(" ");
    String withoutRoot =
        name.startsWith("chuanbo") ? name.substring("chuanbo".length()).trim() : name;
    return withoutRoot.isEmpty() ? "" : withoutRoot + " ";
  }

  private static String oneLine(Throwable exception) {
    String message = exception.getMessage();
    return message == null
        ? exception.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
