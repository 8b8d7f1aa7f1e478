package movierec.runners.cli;

import picocli.CommandLine.Command;

/** {@code movierec runs ...}: housekeeping of tracked runs; only a parent for its subcommands. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Housekeeping of tracked runs.",
    subcommands = {RunsSyncCommand.class})
final class RunsCommand {
}
