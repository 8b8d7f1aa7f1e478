package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.core.data.DatasetLoader;
import movierec.submissions.Submission;
import movierec.submissions.SubmissionValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec validate}: checks a submission against the data it answers; exit 0 when valid, 2 when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a submission: header, known users and items, no seen or repeated item, exactly " + Submission.SIZE
        + " items for every user. Prints one line per problem (file:line).")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "the dataset folder the submission answers (competition layout)")
  Path data;

  @Parameters(paramLabel = "SUBMISSION", description = "the submission CSV (user,item)")
  Path submission;

  @Override
  public Integer call() throws Exception {
    SubmissionValidator.Report report = SubmissionValidator.validate(submission, DatasetLoader.load(data), Integer.MAX_VALUE);
    if (report.ok()) {
      System.out.println(submission + ": valid");
      return 0;
    }
    System.out.print(report.describe());
    System.out.println(submission + ": " + report.totalProblems() + " problems");
    return Main.BAD_INPUT;
  }
}
