package movierec.runners.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.InputException;
import movierec.core.data.StagedFolder;
import movierec.core.eval.RankedLists;
import movierec.runners.env.LocalMlflow;
import movierec.runners.trial.StoredModel;
import movierec.submissions.Submission;
import movierec.submissions.SubmissionValidator;
import movierec.submissions.TopKFile;
import movierec.tracking.Credentials;
import movierec.tracking.LoggedModel;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec recommend}: a stored model's submission and top-K lists for a data folder, without refitting. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Load a trial's stored model (its MLflow logged model, by run id or model id) without refitting and write submission.csv and"
        + " topk_final.csv for the users of a data folder; the submission is validated before anything is written.")
final class RecommendCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN_OR_MODEL_ID", description = "a trial's run id, or a logged model id (m-...)")
  String modelId;

  @Option(names = "--data", required = true, description = "folder in the competition layout with the users and items the model was fitted on")
  Path data;

  @Option(names = "--out", required = true, description = "folder to write submission.csv and topk_final.csv into")
  Path out;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    StagedFolder.requireFolderOrAbsent(out);
    Dataset dataset = DatasetLoader.load(data);
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      LoggedModel model = loggedModel(client, modelId);
      Path local = Files.createTempDirectory("movierec-model-");
      try {
        client.artifacts(model).downloadDirectory("", local);
        StoredModel stored = StoredModel.load(local);
        RankedLists lists = stored.rank(dataset, data.toString());
        StagedFolder.write(out, "recommend", staging -> {
          Submission.write(lists, dataset, staging.resolve(Submission.FILE));
          TopKFile.write(lists, dataset, staging.resolve(TopKFile.FINAL));
          SubmissionValidator.Report report = SubmissionValidator.validate(staging.resolve(Submission.FILE), dataset);
          if (!report.ok()) {
            throw new InputException(Submission.FILE + " of model " + model.modelId() + " is invalid (" + report.totalProblems()
                + " problems, nothing written): " + report.problems().get(0).replace(staging.toString(), out.toString()));
          }
          return null;
        });
        System.out.printf("%s model %s of run %s (%s): wrote %s and %s for %d users to %s%n", stored.descriptor().family(), model.modelId(),
            model.sourceRunId(), stored.descriptor().format(), Submission.FILE, TopKFile.FINAL, dataset.numUsers(), out);
        return 0;
      } finally {
        deleteTree(local);
      }
    }
  }

  /** A logged model id names the model; a run id names the model the run logged. */
  static LoggedModel loggedModel(TrackingClient client, String id) {
    try {
      if (id.startsWith(LoggedModel.ID_PREFIX)) return client.getLoggedModel(id);
      List<LoggedModel> models = client.loggedModelsOf(client.getRun(id).runId());
      if (models.isEmpty()) throw new InputException("--model: run " + id + " has no logged model (its family keeps no model file, or it is not a trial)");
      return models.get(models.size() - 1);
    } catch (TrackingException e) {
      if (e.isNotFound()) throw new InputException("--model: no run or logged model " + id);
      throw e;
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
