package movierec.runners.cli;

import movierec.core.data.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code movierec} command: exit 0 on success, 1 on a failure, 2 on bad input or usage. */
@Command(name = "movierec", mixinStandardHelpOptions = true, version = "movierec 0.1.0",
    description = "Top-N movie recommendation experiments, tracked in MLflow.",
    subcommands = {DataCommand.class, TrainCommand.class, ValidateCommand.class, FamiliesCommand.class, SweepCommand.class, QuickstartCommand.class,
        WorkerCommand.class, RunsCommand.class, BenchCommand.class, LeaderboardCommand.class, EnsembleCommand.class, PullCommand.class, RecommendCommand.class, ReportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // One line, as for every other bad input; the usage is one --help away.
    cli.setParameterExceptionHandler((e, badArgs) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof InputException || e instanceof IllegalArgumentException) {
        cmd.getErr().println("error: " + e.getMessage());
        return BAD_INPUT;
      }
      cmd.getErr().println("failed: " + e);
      e.printStackTrace(cmd.getErr());
      return FAILURE;
    });
    return cli.execute(args);
  }
}
