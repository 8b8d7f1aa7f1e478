package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.runners.sweep.Schedulers;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The leaderboard, ensemble, pull and report commands in-process on real sweeps (cheap families on the
 * tiny synthetic preset) against the real MLflow server: exit codes, the logged ensemble and its
 * lineage, pulled files byte for byte, and one-line errors with exit 2 on bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("mlflow")
class LeaderboardCommandsIntegrationTest {
  @TempDir static Path dir;
  private String uri;
  private TrackingClient client;
  private String experiment;
  private String experimentId;
  private RunInfo otherSplitTrial;

  @BeforeAll
  void sweep() throws Exception {
    uri = MlflowTestServer.assumeUri();
    client = MlflowTestServer.client();
    experiment = MlflowTestServer.uniqueName("commands-it");
    runSweep(experiment, 2, """
          - family: mostpop
          - family: genre_rule
          - family: itemknn
            params: {k: 20}
          - family: ease
            params: {lambda: [10, 100]}
        """);
    experimentId = client.findExperiment(experiment).orElseThrow();
    String other = MlflowTestServer.uniqueName("commands-it-other-split");
    runSweep(other, 9, "  - family: mostpop\n");
    otherSplitTrial = trials(client.findExperiment(other).orElseThrow()).get(0).run();
  }

  private void runSweep(String name, int splitSeed, String models) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: tiny, seed: 3}
        split: {protocol: holdout, last: 1, random: 4, seed: %d}
        metric: {name: recall_at_10, direction: maximize}
        max_parallel: 2
        seed: 5
        models:
        %s""".formatted(name, splitSeed, models));
    SweepRunner.Summary summary = new SweepRunner(client, "test").run(SweepConfig.load(file), Schedulers.inMemory(2), (o, d, t, b) -> {});
    assertEquals(0, summary.count(RunStatus.FAILED));
  }

  private List<LeaderboardEntry> trials(String expId) {
    LeaderboardOptions options = LeaderboardOptions.defaults().withKinds(Set.of(RunKeys.KIND_TRIAL)).withPerFamily(true);
    return Leaderboard.load(client, List.of(expId), options).rankings().get(0).entries();
  }

  private int run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--tracking-uri";
    all[args.length + 1] = uri;
    return Main.run(all);
  }

  @Test
  void ensemblePresetsAreLoggedWithLineageAndRankOnTheLeaderboard() {
    List<LeaderboardEntry> best = trials(experimentId);
    assertEquals(4, best.size(), "four families");
    assertEquals(0, run("ensemble", "--preset", "best3", "--weights", "tuned", "--tune-samples", "20", "--experiment", experiment));
    assertEquals(0, run("ensemble", "--preset", "best4", "--method", "hard", "--rank-decay", "log", "--experiment", experiment));
    assertEquals(0, run("ensemble", "--preset", "best3", "--select", "greedy", "--method", "blend", "--normalize", "zscore", "--weights", "tuned",
        "--tune-samples", "10", "--experiment", experiment));

    Leaderboard board = Leaderboard.load(client, List.of(experimentId), LeaderboardOptions.defaults().withKinds(Set.of(RunKeys.KIND_ENSEMBLE)));
    assertEquals(1, board.rankings().size(), "ensembles share their sources' split");
    List<LeaderboardEntry> ensembles = board.rankings().get(0).entries();
    assertEquals(3, ensembles.size());
    for (LeaderboardEntry e : ensembles) {
      Set<String> sources = Set.of(e.run().tags().get(RunKeys.SOURCE_RUNS).split(","));
      if ("blend".equals(e.keyParams().get("method"))) {
        Set<String> families = best.stream().map(LeaderboardEntry::runId).collect(Collectors.toSet());
        assertTrue(sources.size() >= 2 && sources.size() <= 3 && families.containsAll(sources), "greedy picks 2-3 of the families' best runs");
        assertTrue(e.run().metrics().containsKey("fit_recall_at_10"), "tuned weights log their fit beside the held-out figure");
        assertTrue(e.run().metrics().containsKey("heldout_best_source_recall_at_10"));
        continue;
      }
      int n = e.keyParams().get("preset").equals("best3") ? 3 : 4;
      assertEquals(best.subList(0, n).stream().map(LeaderboardEntry::runId).collect(Collectors.toSet()), sources, "the best run of the best N families");
      assertEquals(best.get(0).splitHash(), e.splitHash());
      assertEquals(n, e.run().tags().get(RunKeys.SOURCE_WEIGHTS).split(",").length);
      assertTrue(e.run().metrics().containsKey("recall_at_10"));
    }
    assertEquals(0, run("leaderboard", "--experiment", experiment, "--per-family", "--format", "markdown"));
  }

  @Test
  void pullWritesTheRunsFilesByteForByte() throws Exception {
    RunInfo trial = trials(experimentId).get(0).run();
    Path out = dir.resolve("pulled-" + trial.runId());
    assertEquals(0, run("pull", "--run", trial.runId(), "--out", out.toString()));
    for (String name : List.of("submission.csv", "topk_validation.csv", "topk_final.csv", "config.json")) {
      assertArrayEquals(client.artifacts(trial).readBytes(name), Files.readAllBytes(out.resolve(name)), name);
    }
    Path best = dir.resolve("pulled-best");
    assertEquals(0, run("pull", "--best", "--family", "ease", "--experiment", experiment, "--out", best.toString()));
    assertTrue(Files.exists(best.resolve("submission.csv")));
  }

  @Test
  void reportIsWrittenWithItsCharts() throws Exception {
    Path html = dir.resolve("report.html");
    assertEquals(0, run("report", "--experiment", experiment, "--out", html.toString()));
    String text = Files.readString(html);
    assertEquals(2, text.split("data:image/png;base64,").length - 1);
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    String trial = trials(experimentId).get(0).runId();
    assertEquals(Main.BAD_INPUT, run("ensemble", "--runs", trial + ":x"));
    assertEquals(Main.BAD_INPUT, run("ensemble", "--runs", trial + ",0123456789abcdef0123456789abcdef"));
    assertEquals(Main.BAD_INPUT, run("ensemble", "--runs", trial + "," + otherSplitTrial.runId()), "mixed split hashes");
    assertEquals(Main.BAD_INPUT, run("ensemble", "--preset", "best9"));
    assertEquals(Main.BAD_INPUT, run("ensemble", "--preset", "best7", "--experiment", experiment), "four families only");
    assertEquals(Main.BAD_INPUT, run("ensemble", "--preset", "best3", "--method", "hard", "--weights", "auto", "--experiment", experiment));
    assertEquals(Main.BAD_INPUT, run("ensemble", "--preset", "best3", "--runs", trial));
    assertEquals(Main.BAD_INPUT, run("pull", "--run", "0123456789abcdef0123456789abcdef"));
    assertEquals(Main.BAD_INPUT, run("pull", "--run", trial, "--family", "ease"));
    assertEquals(Main.BAD_INPUT, run("leaderboard", "--experiment", "no-such-experiment-" + trial));
    assertEquals(Main.BAD_INPUT, run("leaderboard", "--format", "xml"));
    assertEquals(Main.BAD_INPUT, run("report", "--experiment", "no-such-experiment-" + trial, "--out", dir.resolve("x.html").toString()));
  }
}
