package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.eval.RankedLists;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.submissions.pull.Lineage;
import movierec.submissions.pull.RunPull;
import movierec.submissions.testing.HandMadeData;
import movierec.submissions.testing.HandMadeRuns;
import movierec.tracking.ArtifactFile;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Ensembles of hand-made runs on the real MLflow server: presets, checks, the logged run and its
 * lineage, and pulling it back byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("mlflow")
class EnsembleIntegrationTest {
  private final Dataset data = HandMadeData.dataset();
  /** User 1's answers: 13 (only in a's top 10), 28 and 29 (only in c's). */
  private final Split split = new Split(SplitProtocol.holdout(1), data.interactions(), truth(), "s1");
  private final EnsembleSpec hard = new EnsembleSpec(VotingMethod.HARD, WeightMode.GIVEN, RankDecay.NONE, ScoreNormalization.MINMAX, Metric.parse("recall_at_10"), 0, 0);

  @TempDir Path dir;
  private TrackingClient client;
  private HandMadeRuns runs;
  private RunInfo a;
  private RunInfo b;
  private RunInfo c;
  private RunInfo otherSplit;

  @BeforeAll
  void logRuns() throws IOException {
    client = MlflowTestServer.client();
    runs = new HandMadeRuns(client, "ensemble-it");
    Path files = Files.createTempDirectory("ensemble-it");
    // Lists as in VotingTest for user 1; final lists give every user 12 unseen items.
    a = withLists(runs.trial("a", 0.2, "s1", Map.of()), files, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    b = withLists(runs.trial("b", 0.5, "s1", Map.of()), files, 11, 10, 20, 21, 22, 23, 24, 25, 26, 27);
    c = withLists(runs.trial("c", 0.3, "s1", Map.of()), files, 12, 11, 1, 28, 29, 30, 3, 4, 5, 6);
    withLists(runs.trial("b", 0.1, "s1", Map.of()), files, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    runs.trial("d", 0.05, "s1", Map.of()); // no top-K artifacts
    otherSplit = withLists(runs.trial("e", 0.01, "s2", Map.of()), files, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    runs.run(RunKeys.KIND_ENSEMBLE, "ensemble", 0.9, "s1", RunStatus.FINISHED, Map.of());
  }

  @Test
  void presetsPickTheBestRunOfDistinctTrialFamilies() {
    List<EnsembleSources.SourceRun> best3 = EnsembleSources.preset(client, List.of(runs.experimentId()), EnsemblePreset.BEST3, "recall_at_10");
    assertEquals(List.of(b.runId(), c.runId(), a.runId()), best3.stream().map(EnsembleSources.SourceRun::runId).toList());
    InputException noArtifacts = assertThrows(InputException.class,
        () -> EnsembleSources.preset(client, List.of(runs.experimentId()), EnsemblePreset.BEST4, "recall_at_10"));
    assertTrue(noArtifacts.getMessage().contains("has no topk_validation.csv artifact"), noArtifacts.getMessage());
    InputException tooFew = assertThrows(InputException.class,
        () -> EnsembleSources.preset(client, List.of(runs.experimentId()), EnsemblePreset.BEST7, "recall_at_10"));
    assertTrue(tooFew.getMessage().startsWith("best7 needs finished trials of 7 families"), tooFew.getMessage());
  }

  @Test
  void sourcesOfDifferentSplitsAreRefused() {
    List<EnsembleSources.Ref> refs = EnsembleSources.parseRuns(a.runId() + ":1," + otherSplit.runId() + ":2");
    InputException e = assertThrows(InputException.class, () -> EnsembleSources.resolve(client, refs));
    assertTrue(e.getMessage().startsWith("source runs differ in validation split"), e.getMessage());
    InputException unknown = assertThrows(InputException.class,
        () -> EnsembleSources.resolve(client, EnsembleSources.parseRuns("0123456789abcdef0123456789abcdef")));
    assertEquals("unknown run id 0123456789abcdef0123456789abcdef", unknown.getMessage());
  }

  @Test
  void runsSyntaxErrorsNameTheToken() {
    assertEquals(List.of(new EnsembleSources.Ref("abc", 0.5), new EnsembleSources.Ref("def", null)), EnsembleSources.parseRuns("abc:0.5, def"));
    assertThrows(InputException.class, () -> EnsembleSources.parseRuns("abc:x"));
    assertThrows(InputException.class, () -> EnsembleSources.parseRuns("abc,,def"));
    assertThrows(InputException.class, () -> EnsembleSources.parseRuns("abc:1:2"));
    assertThrows(InputException.class, () -> EnsembleSources.parseRuns("abc,abc"));
    assertThrows(InputException.class, () -> EnsembleSources.parseRuns("abc:-1"));
  }

  @Test
  void theEnsembleIsLoggedLikeATrialRanksOnTheLeaderboardAndPullsBackByteForByte() throws IOException {
    List<EnsembleSources.SourceRun> sources = EnsembleSources.preset(client, List.of(runs.experimentId()), EnsemblePreset.BEST3, "recall_at_10");
    RunInfo logged;
    try (EnsembleRun run = EnsembleRun.start(client, runs.experimentId(), hard, Optional.of(EnsemblePreset.BEST3), sources, "test-commit")) {
      List<Ensemble.Source> lists = new ArrayList<>();
      for (EnsembleSources.SourceRun s : sources) lists.add(EnsembleSources.read(client, s, "recall_at_10", data));
      Ensemble.Result result = Ensemble.build(lists, hard, data, split, CandidateFilters.SEEN_ONLY);
      logged = run.finish(result, lists, data, "{\"family\": \"a\"}");
    }
    assertEquals(RunStatus.FINISHED, logged.status());
    Map<String, String> tags = logged.tags();
    assertEquals(RunKeys.KIND_ENSEMBLE, tags.get(RunKeys.KIND));
    assertEquals("ensemble", tags.get(RunKeys.FAMILY));
    assertEquals("s1", tags.get(RunKeys.SPLIT_HASH));
    assertEquals(HandMadeRuns.DATASET_HASH, tags.get(RunKeys.DATASET_HASH));
    assertEquals(b.runId() + "," + c.runId() + "," + a.runId(), tags.get(RunKeys.SOURCE_RUNS));
    assertEquals("0.333333,0.333333,0.333333", tags.get(RunKeys.SOURCE_WEIGHTS));
    // The same run record as a trial's: every setting as a param, MLflow's standard tags.
    RunRecord record = EnsembleRun.record(hard, Optional.of(EnsemblePreset.BEST3), sources, tags.get(RunKeys.DATASET), "test-commit");
    assertEquals(record.params(), logged.params());
    record.tags().forEach((k, v) -> assertEquals(v, tags.get(k), k));
    assertEquals("test-commit", tags.get(RunRecord.GIT_COMMIT_TAG));
    assertEquals(RunRecord.LOCAL, tags.get(RunRecord.SOURCE_TYPE_TAG));
    assertEquals(EnsembleRun.SOURCE_NAME, tags.get(TrackingClient.SOURCE_NAME_TAG));
    assertTrue(tags.get(RunRecord.NOTE_TAG).startsWith("Hard voting of best3: "), tags.get(RunRecord.NOTE_TAG));
    assertEquals(1.0, logged.metrics().get("best_recall_at_10"), 1e-12);
    assertEquals(1.0, logged.metrics().get("recall_at_10"), 1e-12);
    assertEquals(0.5, logged.metrics().get("best_source_recall_at_10"), 1e-12);
    assertEquals(Set.of(Submission.FILE, TopKFile.VALIDATION, TopKFile.FINAL, EnsembleConfig.FILE),
        client.artifacts(logged).list("").stream().map(ArtifactFile::path).collect(Collectors.toSet()));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(json.readTree("{\"family\": \"a\"}"), json.readTree(EnsembleConfig.trialConfigOf(client.artifacts(logged).readString(EnsembleConfig.FILE))),
        "the trial config the data came from is embedded");

    Leaderboard board = Leaderboard.load(client, List.of(runs.experimentId()), LeaderboardOptions.defaults().withPerFamily(true));
    Leaderboard.Ranking s1 = board.rankings().stream().filter(r -> r.splitHash().equals("s1")).findFirst().orElseThrow();
    assertEquals(logged.runId(), s1.entries().get(0).runId(), "the hand-made 0.9 'ensemble' is a family too; ours has 1.0");

    Path out = dir.resolve("pulled");
    List<Path> written = RunPull.pull(client, logged, data, out);
    assertEquals(4, written.size());
    for (Path file : written) {
      assertArrayEquals(client.artifacts(logged).readBytes(file.getFileName().toString()), Files.readAllBytes(file), file.toString());
    }
    try (var left = Files.list(out)) {
      assertEquals(4, left.count(), "no staging folder left behind");
    }
    String lineage = Lineage.describe(client, logged, "recall_at_10");
    assertTrue(lineage.contains("sources            3 runs"), lineage);
    assertTrue(lineage.contains(b.runId() + " weight 0.333333  b best_recall_at_10 0.5000"), lineage);
  }

  @Test
  void pullRefusesAnInvalidSubmissionAndWritesNothing() throws IOException {
    HandMadeRuns runs = new HandMadeRuns(client, "pull-it"); // apart, so that presets never see these runs
    RunInfo bad = runs.trial("bad", 0.3, "s1", Map.of());
    runs.upload(bad, EnsembleConfig.FILE, "{}");
    runs.upload(bad, Submission.FILE, "user,item\n1,1\n");
    Path out = dir.resolve("bad");
    InputException e = assertThrows(InputException.class, () -> RunPull.pull(client, bad, data, out));
    assertTrue(e.getMessage().startsWith("submission.csv of run " + bad.runId() + " is invalid"), e.getMessage());
    try (var left = Files.list(out)) {
      assertEquals(0, left.count());
    }
    RunInfo empty = runs.trial("empty", 0.3, "s1", Map.of());
    assertEquals("run " + empty.runId() + " has no submission.csv artifact",
        assertThrows(InputException.class, () -> RunPull.pull(client, empty, data, out)).getMessage());
  }

  private RunInfo withLists(RunInfo run, Path files, int... user1) throws IOException {
    RankedLists validation = HandMadeData.lists(data, Map.of(1, user1));
    RankedLists finals = HandMadeData.lists(data, Map.of(1, user1, 2, range(20, 12), 3, range(31, 12), 4, range(1, 12)));
    Path dirOf = Files.createDirectories(files.resolve(run.runId()));
    TopKFile.write(validation, data, dirOf.resolve(TopKFile.VALIDATION));
    TopKFile.write(finals, data, dirOf.resolve(TopKFile.FINAL));
    client.artifacts(run).uploadDirectory(dirOf, "");
    return run;
  }

  private static int[] range(int from, int n) {
    return java.util.stream.IntStream.range(from, from + n).toArray();
  }

  private int[][] truth() {
    int[][] truth = new int[data.numUsers()][0];
    truth[data.users().index(1)] = Arrays.stream(new int[] {13, 28, 29}).map(i -> data.items().index(i)).sorted().toArray();
    return truth;
  }
}
