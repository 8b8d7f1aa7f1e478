package movierec.submissions.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import movierec.submissions.testing.HandMadeRuns;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

/** Hand-made runs on the real MLflow server, searched with a page size smaller than the experiment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("mlflow")
class LeaderboardIntegrationTest {
  private static final int PAGE = 3;

  private TrackingClient client;
  private HandMadeRuns runs;
  /** Split "s1" runs in their expected order. */
  private final List<RunInfo> expected = new ArrayList<>();
  private RunInfo otherSplit;

  @BeforeAll
  void logRuns() {
    client = MlflowTestServer.client();
    runs = new HandMadeRuns(client, "leaderboard-it");
    RunInfo ease = runs.trial("ease", 0.30, "s1", Map.of("lambda", "500"));
    RunInfo tiedLater = runs.trial("itemknn", 0.30, "s1", Map.of("k", "100"));
    RunInfo ials = runs.trial("ials", 0.25, "s1", Map.of("factors", "64"));
    RunInfo easeWorse = runs.trial("ease", 0.22, "s1", Map.of("lambda", "50"));
    RunInfo ialsWorse = runs.trial("ials", 0.20, "s1", Map.of("factors", "8"));
    RunInfo mostpop = runs.trial("mostpop", 0.05, "s1", Map.of());
    RunInfo ensemble = runs.run(RunKeys.KIND_ENSEMBLE, "ensemble", 0.33, "s1", RunStatus.FINISHED, Map.of("method", "hard"));
    // Not ranked: failed, still running, a sweep (with the same value as its sweep_best_recall_at_10).
    runs.run(RunKeys.KIND_TRIAL, "bpr", 0.99, "s1", RunStatus.FAILED, Map.of());
    runs.run(RunKeys.KIND_TRIAL, "bpr", 0.98, "s1", RunStatus.RUNNING, Map.of());
    runs.run(RunKeys.KIND_SWEEP, "sweep", 0.97, "s1", RunStatus.FINISHED, Map.of());
    otherSplit = runs.trial("ease", 0.40, "s2", Map.of("lambda", "500"));
    expected.addAll(List.of(ensemble, ease, tiedLater, ials, easeWorse, ialsWorse, mostpop));
  }

  private Leaderboard load(LeaderboardOptions options) {
    return Leaderboard.load(client, List.of(runs.experimentId()), options.withPageSize(PAGE));
  }

  private static List<String> ids(Leaderboard.Ranking ranking) {
    return ranking.entries().stream().map(LeaderboardEntry::runId).toList();
  }

  @Test
  void ranksFinishedTrialsAndEnsemblesOfEachSplitSeparatelyAcrossPages() {
    Leaderboard board = load(LeaderboardOptions.defaults());
    assertEquals(2, board.rankings().size());
    assertTrue(board.splitsDiffer());
    // The ranking holding the best run (0.40, split s2) comes first.
    assertEquals("s2", board.rankings().get(0).splitHash());
    assertEquals(List.of(otherSplit.runId()), ids(board.rankings().get(0)));
    Leaderboard.Ranking s1 = board.rankings().get(1);
    // Equal metrics (ease and itemknn, 0.30): the earlier run first.
    assertEquals(expected.stream().map(RunInfo::runId).toList(), ids(s1));
    LeaderboardEntry first = s1.entries().get(1);
    assertEquals("ease", first.family());
    assertEquals(Map.of("lambda", "500"), first.keyParams(), "setting params (family, seed) left out");
    assertEquals(3, first.bestEpoch().getAsInt());
    assertTrue(first.duration().isPresent());
  }

  @Test
  void perFamilyKeepsTheBestRunOfEachFamilyAndTopCuts() {
    Leaderboard board = load(LeaderboardOptions.defaults().withPerFamily(true));
    assertEquals(List.of("ensemble", "ease", "itemknn", "ials", "mostpop"),
        board.rankings().get(1).entries().stream().map(LeaderboardEntry::family).toList());
    Leaderboard top2 = load(LeaderboardOptions.defaults().withPerFamily(true).withTop(2).withKinds(java.util.Set.of(RunKeys.KIND_TRIAL)));
    assertEquals(List.of(expected.get(1).runId(), expected.get(2).runId()), ids(top2.rankings().get(1)));
  }

  @Test
  void mixedSplitsRankTogetherOnlyWhenAllowed() {
    Leaderboard board = load(LeaderboardOptions.defaults().withAllowMixedSplits(true));
    assertEquals(1, board.rankings().size());
    assertEquals(Leaderboard.MIXED_SPLITS, board.rankings().get(0).splitHash());
    assertEquals(otherSplit.runId(), ids(board.rankings().get(0)).get(0));
    assertEquals(expected.size() + 1, board.rankings().get(0).entries().size());
  }

  @Test
  void formatsCarryEveryRankedRun() {
    Leaderboard board = load(LeaderboardOptions.defaults().withPerFamily(true));
    for (LeaderboardFormat format : LeaderboardFormat.values()) {
      String text = format.render(board);
      assertTrue(text.contains(expected.get(1).runId()), format + ":\n" + text);
      assertTrue(text.contains(otherSplit.runId()), format + ":\n" + text);
    }
    String csv = LeaderboardFormat.CSV.render(board);
    assertEquals(1 + 1 + 5, csv.lines().count(), "header, one s2 row, five s1 families:\n" + csv);
    assertTrue(LeaderboardFormat.TABLE.render(board).contains("ranked separately"));
  }
}
