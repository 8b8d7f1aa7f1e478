package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.models.ModelRegistry;
import movierec.runners.trial.ModelDescriptor;
import movierec.runners.trial.TrialRunner;
import movierec.runners.trial.TrialSpec;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import movierec.tracking.LoggedModel;
import movierec.tracking.Metric;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import movierec.core.train.EpochSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** A real sweep against the real MLflow server: parent and child runs, params, epoch histories, artifacts. */
@Tag("mlflow")
class SweepIntegrationTest {
  @TempDir Path dir;

  @Test
  void sweepLogsNestedRunsWithEpochHistoriesAndArtifacts() throws Exception {
    String experiment = MlflowTestServer.uniqueName("sweep-it");
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: tiny, seed: 3}
        split: {protocol: holdout, last: 1, random: 4, seed: 2}
        metric: {name: recall_at_10, direction: maximize}
        max_parallel: 2
        max_epochs: 4
        seed: 5
        models:
          - family: ials
            params: {factors: [8, 16], epochs: 4}
          - family: mostpop
        """.formatted(experiment));
    SweepConfig config = SweepConfig.load(file);
    List<TrialSpec> trials = config.expand();
    assertEquals(3, trials.size());

    try (TrackingClient client = MlflowTestServer.client()) {
      SweepRunner.Summary summary = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(2), (o, d, t, b) -> {});
      assertEquals(3, summary.count(RunStatus.FINISHED));

      RunInfo parent = client.getRun(summary.parent().runId());
      assertEquals(RunStatus.FINISHED, parent.status());
      assertEquals(RunKeys.KIND_SWEEP, parent.tags().get(RunKeys.KIND));
      assertEquals(config.hash(), parent.tags().get(RunKeys.CONFIG_HASH));
      // The parent's best value has its own key, so that the trials' best_ charts leave it out.
      assertTrue(parent.metrics().containsKey(RunKeys.sweepBest("recall_at_10")), "parent metrics: " + parent.metrics().keySet());
      assertTrue(parent.metrics().keySet().stream().noneMatch(k -> k.startsWith(RunKeys.BEST_PREFIX)), "parent metrics: " + parent.metrics().keySet());
      assertEquals("test-commit", parent.tags().get(RunRecord.GIT_COMMIT_TAG));

      List<RunInfo> children = client.searchRuns(RunQuery.in(parent.experimentId())
          .withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'"));
      assertEquals(3, children.size());
      Set<String> factors = children.stream().filter(r -> r.tags().get(RunKeys.FAMILY).equals("ials"))
          .map(r -> r.params().get("factors")).collect(Collectors.toSet());
      assertEquals(Set.of("8", "16"), factors);

      for (RunInfo child : children) {
        assertEquals(RunStatus.FINISHED, child.status());
        assertEquals(parent.tags().get(RunKeys.SWEEP_ID), child.tags().get(RunKeys.SWEEP_ID));
        assertTrue(child.tags().containsKey(RunKeys.SPLIT_HASH));
        // Every model param is logged with its resolved value, defaults included; MLflow's standard tags fill Version/Source/Description.
        var family = ModelRegistry.get(child.tags().get(RunKeys.FAMILY));
        Map<String, Object> resolved = family.resolve(family.name().equals("ials")
            ? Map.of("factors", Integer.parseInt(child.params().get("factors")), "epochs", 4) : Map.of());
        resolved.forEach((k, v) -> assertEquals(String.valueOf(v), child.params().get(k), k));
        var inputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.getJson("runs/get?run_id=" + child.runId()))
            .path("run").path("inputs").path("dataset_inputs");
        assertEquals(2, inputs.size(), "training and validation datasets");
        for (var input : inputs) assertEquals(child.tags().get(RunKeys.SPLIT_HASH), input.path("dataset").path("digest").asText());
        assertEquals("test-commit", child.tags().get(RunRecord.GIT_COMMIT_TAG));
        assertEquals(RunRecord.JOB, child.tags().get(RunRecord.SOURCE_TYPE_TAG));
        assertEquals("sweep.yaml", child.tags().get(TrackingClient.SOURCE_NAME_TAG));
        assertTrue(child.tags().get(RunRecord.NOTE_TAG).startsWith(family.name() + " ("), child.tags().get(RunRecord.NOTE_TAG));
        assertTrue(child.metrics().containsKey(RunKeys.best("recall_at_10")));
        for (String system : List.of(SystemMetrics.MEMORY_MB, SystemMetrics.MEMORY_PERCENT, SystemMetrics.HEAP_MB, SystemMetrics.OFF_HEAP_MB)) {
          List<Metric> samples = client.metricHistory(child.runId(), system);
          assertTrue(!samples.isEmpty() && samples.get(0).step() == 0 && samples.get(0).value() >= 0, system + ": " + samples);
        }
        // A family with a model file registers it as a logged model of the run, with its descriptor beside it.
        List<LoggedModel> models = client.loggedModelsOf(child.runId());
        if (family.name().equals("ials")) {
          assertEquals(1, models.size(), "one logged model");
          LoggedModel model = models.get(0);
          assertEquals(LoggedModel.READY, model.status());
          assertEquals(child.runId(), model.sourceRunId());
          assertEquals(child.runName(), model.name());
          resolved.forEach((k, v) -> assertEquals(String.valueOf(v), model.params().get(k), k));
          ModelDescriptor descriptor = ModelDescriptor.fromJson(client.artifacts(model).readString(ModelDescriptor.FILE), model.modelId());
          assertEquals("ials", descriptor.family());
          assertEquals(resolved, descriptor.params());
          assertEquals("movierec.ials.v1", descriptor.format());
          assertEquals(descriptor.format(), child.tags().get(RunKeys.MODEL_FORMAT));
          assertTrue(client.artifacts(model).readBytes(ModelDescriptor.MODEL_FILE).length > 0);
          var linked = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.getJson("logged-models/" + model.modelId()))
              .path("model").path("data").path("metrics");
          Set<String> linkedKeys = new java.util.HashSet<>();
          linked.forEach(m -> linkedKeys.add(m.path("key").asText()));
          assertTrue(linkedKeys.contains(RunKeys.best("recall_at_10")), "the summary metrics name the model: " + linkedKeys);
        } else {
          assertEquals(List.of(), models, "mostpop keeps no model file");
        }
        List<Long> steps = client.metricHistory(child.runId(), "recall_at_10").stream().map(Metric::step).sorted().toList();
        for (var m : child.metrics().entrySet()) {
          if (m.getKey().startsWith("system/")) continue; // rounded to 0.1 of their unit
          assertEquals(Metric.rounded(m.getKey(), m.getValue(), 0).value(), m.getValue(), m.getKey() + " logged rounded");
        }
        assertTrue(!child.metrics().containsKey("loss"), "no loss of no particular meaning");
        if (child.tags().get(RunKeys.FAMILY).equals("ials")) {
          assertEquals(List.of(1L, 2L, 3L, 4L), steps, "one validation point per epoch, step = epoch");
          assertEquals(4, client.metricHistory(child.runId(), RunKeys.loss("ials", null)).size(), "loss/ials per epoch");
        } else {
          assertEquals(List.of(0L), steps, "a closed-form fit is validated once");
        }
      }

      // The artifacts are the trial's files: rerunning the same spec locally reproduces them byte for byte.
      RunInfo ials = children.stream().filter(r -> "16".equals(r.params().get("factors"))).findFirst().orElseThrow();
      TrialSpec spec = TrialSpec.fromJson(client.artifacts(ials).readString(TrialRunner.CONFIG));
      Path local = dir.resolve("rerun");
      TrialRunner.run(spec, local, EpochSink.NONE);
      for (String name : List.of(Submission.FILE, TopKFile.VALIDATION, TopKFile.FINAL, TrialRunner.CONFIG)) {
        assertArrayEquals(Files.readAllBytes(local.resolve(name)), client.artifacts(ials).readBytes(name), name);
      }
      Set<String> listed = client.artifacts(ials).list("").stream().map(f -> f.path()).collect(Collectors.toSet());
      assertTrue(listed.contains(TrialLog.FILE), "trial log uploaded: " + listed);
    }
  }
}
