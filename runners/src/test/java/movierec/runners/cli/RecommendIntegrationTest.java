package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import movierec.core.data.DatasetWriter;
import movierec.runners.sweep.Schedulers;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.trial.DatasetSpec;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import movierec.tracking.LoggedModel;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code movierec recommend} against the real MLflow server: a trial's logged model, fetched by run id
 * or model id and loaded without refitting, gives the trial's own submission and final top-K byte for
 * byte; bad input is one line, exit 2, and nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("mlflow")
class RecommendIntegrationTest {
  @TempDir static Path dir;
  private String uri;
  private TrackingClient client;
  private Path data;
  private Map<String, RunInfo> trials;

  @BeforeAll
  void sweep() throws Exception {
    uri = MlflowTestServer.assumeUri();
    client = MlflowTestServer.client();
    data = dir.resolve("tiny");
    DatasetWriter.write(DatasetSpec.synthetic("tiny", 3).load(), data);
    String experiment = MlflowTestServer.uniqueName("recommend-it");
    Path file = dir.resolve("recommend.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {path: %s}
        split: {protocol: holdout, last: 1, random: 4, seed: 2}
        filters: {min_item_interactions: 2}
        max_parallel: 2
        max_epochs: 3
        seed: 5
        models:
          - family: ease
            params: {lambda: 50}
          - family: ials
            params: {factors: 8}
          - family: mostpop
        """.formatted(experiment, data));
    SweepRunner.Summary summary = new SweepRunner(client, "test").run(SweepConfig.load(file), Schedulers.inMemory(2), (o, d, t, b) -> {});
    assertEquals(3, summary.count(RunStatus.FINISHED));
    trials = client.searchRuns(RunQuery.in(client.findExperiment(experiment).orElseThrow())
            .withFilter("tags.mlflow.parentRunId = '" + summary.parent().runId() + "'")).stream()
        .collect(Collectors.toMap(r -> r.tags().get(RunKeys.FAMILY), r -> r));
  }

  private int run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--tracking-uri";
    all[args.length + 1] = uri;
    return Main.run(all);
  }

  @Test
  void aStoredModelServesTheTrialsOwnListsByRunIdOrModelId() throws Exception {
    for (String family : List.of("ease", "ials")) {
      RunInfo trial = trials.get(family);
      LoggedModel model = client.loggedModelsOf(trial.runId()).get(0);
      for (String id : List.of(trial.runId(), model.modelId())) {
        Path out = dir.resolve("served-" + id);
        assertEquals(0, run("recommend", "--model", id, "--data", data.toString(), "--out", out.toString()), family + " " + id);
        for (String name : List.of(Submission.FILE, TopKFile.FINAL)) {
          assertArrayEquals(client.artifacts(trial).readBytes(name), Files.readAllBytes(out.resolve(name)), family + " " + name);
        }
      }
    }
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
    Path out = dir.resolve("not-written");
    String ease = trials.get("ease").runId();
    assertEquals(Main.BAD_INPUT, run("recommend", "--model", trials.get("mostpop").runId(), "--data", data.toString(), "--out", out.toString()),
        "mostpop keeps no model");
    assertEquals(Main.BAD_INPUT, run("recommend", "--model", "m-0123456789abcdef0123456789abcdef", "--data", data.toString(), "--out", out.toString()));
    assertEquals(Main.BAD_INPUT, run("recommend", "--model", "0123456789abcdef0123456789abcdef", "--data", data.toString(), "--out", out.toString()));
    Path other = dir.resolve("small");
    DatasetWriter.write(DatasetSpec.synthetic("tiny", 4).load(), other);
    Files.writeString(other.resolve("train_ratings.csv"), Files.readString(other.resolve("train_ratings.csv")) + "99999,1,1000\n");
    assertEquals(Main.BAD_INPUT, run("recommend", "--model", ease, "--data", other.toString(), "--out", out.toString()), "other users");
    assertEquals(Main.BAD_INPUT, run("recommend", "--model", ease, "--data", dir.resolve("missing").toString(), "--out", out.toString()));
    assertFalse(Files.exists(out), "nothing half-written");
  }
}
