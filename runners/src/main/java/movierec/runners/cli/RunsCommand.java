package movierec.runners.cli;

import picocli.CommandLine.Command;

/** {@code movierec runs}: maintenance of the tracking server's runs, one subcommand per job. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Maintain runs on the tracking server.",
    subcommands = {RunsCleanCommand.class})
final class RunsCommand {}
