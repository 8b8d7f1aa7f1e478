package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.TrialOutcome;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConsoleTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long[] now = {0};
  private final Map<String, RunInfo> runs = new HashMap<>();

  private SweepConsole console(int trials) {
    return new SweepConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, trials, "recall_at_10", runs::get, () -> now[0]);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void at(long seconds) {
    now[0] = TimeUnit.SECONDS.toNanos(seconds);
  }

  private void run(String id, String name, RunStatus status, long seconds, Map<String, String> params, Map<String, Double> metrics,
      Map<String, String> tags) {
    runs.put(id, new RunInfo(id, "1", name, status, Instant.EPOCH, Optional.of(Instant.ofEpochSecond(seconds)), params, tags, metrics, ""));
  }

  @Test
  void aLongTrialPrintsItsEpochsWithAnEtaFromEpochTimesAndMovesTheProgress() {
    SweepConsole c = console(2);
    c.trialStarted("ials-000", "ials", 10);
    at(10);
    c.epochDone("ials-000", 1, 10);
    assertEquals("", printed(), "an epoch line waits " + SweepConsole.EPOCH_LINE_EVERY);
    at(30);
    c.epochDone("ials-000", 3, 10);
    // 3 epochs in 30 s: 10 s each, 7 left.
    assertTrue(printed().contains("ials-000 epoch 3/10 (10.0s/epoch, at most 1:10 left)"), printed());
    // One of two trials at 3 of 10 epochs: 15 % of the sweep, so 30 s elapsed leave 170 s.
    assertEquals(0.15, c.progress(), 1e-9);
    assertEquals(170, c.sweepEta().orElseThrow().toSeconds());
    assertTrue(printed().contains("sweep 15%, ~2:50 left"), printed());
  }

  @Test
  void aSweepWithATrialStillRunningIsNeverShownDone() {
    SweepConsole c = console(2);
    c.trialStarted("ials-000", "ials", 10);
    at(10);
    c.epochDone("ials-000", 10, 10);
    run("r1", "ease-001", RunStatus.FINISHED, 10, Map.of(), Map.of(), Map.of());
    c.trialDone(new TrialOutcome("r1", "ease-001", RunStatus.FINISHED, 0.2, "ease", null, 0, null), 1, 2, 0.2);
    assertTrue(printed().contains("sweep 99%"), printed());
    assertFalse(printed().contains("100%"), printed());
  }

  @Test
  void finishedTrialLinesShowTheParamsThatDifferFromDefaultsAndFailuresTheirReason() {
    SweepConsole c = console(2);
    run("r1", "ease-000", RunStatus.FINISHED, 12, Map.of("lambda", "300.0", "family", "ease"), Map.of(RunKeys.BEST_EPOCH, 0.0), Map.of());
    run("r2", "ials-001", RunStatus.FAILED, 3, Map.of("factors", "64"), Map.of(), Map.of());
    c.trialDone(new TrialOutcome("r1", "ease-000", RunStatus.FINISHED, 0.2, "ease", null, 0, null), 1, 2, 0.2);
    c.trialDone(new TrialOutcome("r2", "ials-001", RunStatus.FAILED, Double.NaN, "ials", "data/x.csv:3: item: not a number", 0, null), 2, 2, 0.2);
    List<String> lines = printed().lines().toList();
    assertEquals(2, lines.size(), printed());
    assertTrue(lines.get(0).matches("\\[1/2] ease-000 +FINISHED recall_at_10 0\\.2000 +best epoch - +0:12 +lambda=300\\.0 .*"), lines.get(0));
    assertFalse(lines.get(0).contains("family="), "settings are not model params");
    assertTrue(lines.get(1).matches("\\[2/2] ials-001 +FAILED +0:03 +defaults: data/x.csv:3: item: not a number"), lines.get(1));
  }

  @Test
  void theSummaryNamesTheBestCompleteTrialWithItsPullCommandAndCountsPrunedOnes(@TempDir Path dir) throws Exception {
    SweepConsole c = console(3);
    run("a", "bpr-000", RunStatus.FINISHED, 20, Map.of(), Map.of(RunKeys.BEST_EPOCH, 4.0), Map.of());
    run("b", "bpr-001", RunStatus.FINISHED, 5, Map.of(), Map.of(RunKeys.BEST_EPOCH, 2.0, SweepConsole.EPOCHS_RUN_METRIC, 2.0),
        Map.of(SweepConsole.PRUNED_TAG, "epoch 2: asha"));
    run("c", "bpr-002", RunStatus.FAILED, 1, Map.of(), Map.of(), Map.of());
    c.trialDone(new TrialOutcome("a", "bpr-000", RunStatus.FINISHED, 0.10, "bpr", null, 0, null), 1, 3, 0.10);
    // Pruned at a higher value than any complete trial: a pruned trial never counts as the best.
    c.trialDone(new TrialOutcome("b", "bpr-001", RunStatus.FINISHED, 0.30, "bpr", null, 2, "epoch 2: asha"), 2, 3, 0.10);
    c.trialDone(new TrialOutcome("c", "bpr-002", RunStatus.FAILED, Double.NaN, "bpr", "out of memory", 0, null), 3, 3, 0.10);
    assertTrue(printed().contains("bpr-001        PRUNED"), printed());

    Path file = dir.resolve("s.yaml");
    java.nio.file.Files.writeString(file, "experiment: e\ndataset: {synthetic: small}\nmodels:\n  - family: bpr\n");
    SweepConfig config = SweepConfig.load(file);
    RunInfo parent = new RunInfo("p", "1", "sweep", RunStatus.FAILED, Instant.EPOCH, Optional.empty(), Map.of(), Map.of(), Map.of(), "");
    List<TrialOutcome> outcomes = List.of(new TrialOutcome("a", "bpr-000", RunStatus.FINISHED, 0.10, "bpr", null, 0, null),
        new TrialOutcome("b", "bpr-001", RunStatus.FINISHED, 0.30, "bpr", null, 2, "epoch 2: asha"),
        new TrialOutcome("c", "bpr-002", RunStatus.FAILED, Double.NaN, "bpr", "out of memory", 0, null));
    SweepSummary s = SweepSummary.of(config, new SweepRunner.Summary(parent, outcomes, 3, 26, new SweepRunner.Totals(outcomes.get(0), 2, 1, 6, 12, null)), c.lines(), c.best(), "http://h:5000", null);
    String text = s.text();
    assertTrue(text.contains("2 of 3 trials finished (1 of them pruned), 1 failed"), text);
    assertTrue(text.contains("best: bpr-000 recall_at_10 0.1000"), text);
    assertTrue(text.contains("fetch it: ./movierec pull --run a --out pulled/bpr-000\n"), text);
    assertTrue(text.contains("\nbpr-002 FAILED: out of memory\n"), text);
    assertTrue(text.contains("http://h:5000/#/experiments/1/runs/p?workflowType=machine_learning"), text);

    JsonNode json = new ObjectMapper().readTree(s.toJson());
    assertEquals("bpr-000", json.path("best").path("name").asText());
    assertEquals(1, json.path("pruned").asInt());
    assertEquals("./movierec pull --run a --out pulled/bpr-000", json.path("pull_command").asText());
    assertEquals("epoch 2: asha", json.path("trial_lines").get(1).path("pruned").asText());
    assertEquals(2, json.path("trial_lines").get(1).path("epochs_run").asInt());
  }
}
