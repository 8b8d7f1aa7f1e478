package movierec.submissions.pull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.submissions.Submission;
import movierec.submissions.SubmissionValidator;
import movierec.submissions.TopKFile;
import movierec.submissions.ensemble.EnsembleConfig;
import movierec.tracking.ArtifactFile;
import movierec.tracking.RunArtifacts;
import movierec.tracking.RunInfo;
import movierec.tracking.TrackingClient;

/**
 * Downloads a run's submission, top-K lists and resolved config, byte for byte, into a folder. The
 * files land in a staging folder first and move into place only when the submission validates
 * against the run's data, so an invalid submission never overwrites a good one.
 */
public final class RunPull {
  /** Every run that can be pulled has these. */
  public static final List<String> REQUIRED = List.of(Submission.FILE, EnsembleConfig.FILE);
  /** Pulled when present. */
  public static final List<String> OPTIONAL = List.of(TopKFile.VALIDATION, TopKFile.FINAL);

  private RunPull() {}

  /**
   * @param data the dataset the run's submission answers, to validate it against
   * @return the files written into {@code outDir}
   */
  public static List<Path> pull(TrackingClient client, RunInfo run, Dataset data, Path outDir) throws IOException {
    RunArtifacts artifacts = client.artifacts(run);
    Set<String> present = artifacts.list("").stream().filter(f -> !f.isDirectory()).map(ArtifactFile::path).collect(Collectors.toSet());
    for (String name : REQUIRED) {
      if (!present.contains(name)) throw new InputException("run " + run.runId() + " has no " + name + " artifact");
    }
    Files.createDirectories(outDir);
    List<String> names = new ArrayList<>(REQUIRED);
    OPTIONAL.stream().filter(present::contains).forEach(names::add);
    Path staging = Files.createTempDirectory(outDir, ".pull-");
    try {
      for (String name : names) artifacts.download(name, staging.resolve(name));
      SubmissionValidator.Report report = SubmissionValidator.validate(staging.resolve(Submission.FILE), data);
      if (!report.ok()) {
        throw new InputException(Submission.FILE + " of run " + run.runId() + " is invalid (" + report.totalProblems() + " problems, nothing written): "
            + report.problems().get(0).replace(staging.toString(), "run " + run.runId()));
      }
      List<Path> written = new ArrayList<>();
      for (String name : names) {
        written.add(Files.move(staging.resolve(name), outDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
      }
      return written;
    } finally {
      for (String name : names) Files.deleteIfExists(staging.resolve(name));
      Files.deleteIfExists(staging);
    }
  }
}
