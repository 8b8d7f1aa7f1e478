package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's ask/tell wiring without a scheduler or a server: proposals, identity, budget, pruning, resume. */
class SweepSearchTest {
  @TempDir Path dir;

  private SweepConfig config(String search, String models) throws IOException {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, "experiment: e\ndataset: {synthetic: tiny}\nseed: 3\n" + search + "\nmodels:\n" + models);
    return SweepConfig.load(f);
  }

  private static TrialOutcome finished(SweepSearch.Proposal p, double value, int epochs, String pruned) {
    return new TrialOutcome("run" + p.index(), TrackedTrial.runName(p.spec(), p.index()), RunStatus.FINISHED, value, p.spec().family(), null,
        epochs, pruned);
  }

  private static final String THREE_FAMILIES = """
        - family: ease
          params: {lambda: {loguniform: [1, 1000]}}
        - family: ials
          params: {factors: {int: [4, 64], log: true}, alpha: {uniform: [1, 10]}, epochs: 9}
        - family: mostpop
      """;

  @Test
  void tpeAsksTheTrialCountThenStopsAndRepeatsForASeed() throws IOException {
    SweepConfig c = config("search: {strategy: tpe, trials: 14, startup_trials: 4}", THREE_FAMILIES);
    List<TrialSpec> first = new ArrayList<>();
    List<TrialSpec> second = new ArrayList<>();
    for (List<TrialSpec> run : List.of(first, second)) {
      SweepSearch s = new SweepSearch(c);
      for (SweepSearch.Proposal p; (p = s.next()) != null; ) {
        run.add(p.spec());
        // A made-up response: EASE near lambda 100 is best, so TPE has something to learn.
        double value = p.spec().family().equals("ease") ? 1 / (1 + Math.abs(Math.log(((Number) p.spec().params().get("lambda")).doubleValue() / 100))) : 0.2;
        s.finished(p.spec().key(), finished(p, value, p.spec().family().equals("ials") ? 9 : 0, null));
      }
      assertEquals(14, s.trials());
    }
    assertEquals(first, second);
    assertEquals(14, first.stream().map(TrialSpec::key).distinct().count(), "every trial runs once");
    assertEquals(Set.of("ease", "ials", "mostpop"), first.stream().map(TrialSpec::family).collect(java.util.stream.Collectors.toSet()));
    for (TrialSpec t : first) {
      if (!t.family().equals("ials")) continue;
      long factors = ((Number) t.params().get("factors")).longValue();
      assertTrue(factors >= 4 && factors <= 64, "factors " + factors);
      assertEquals(9, t.params().get("epochs"), "fixed values stay");
    }
  }

  @Test
  void aProposalEqualToAnEarlierTrialDoesNotRunTwice() throws IOException {
    SweepConfig c = config("search: {strategy: tpe, trials: 10, startup_trials: 2}", "  - family: ease\n    params: {lambda: [100, 200]}\n");
    SweepSearch s = new SweepSearch(c);
    Set<String> keys = new HashSet<>();
    for (SweepSearch.Proposal p; (p = s.next()) != null; ) {
      assertTrue(keys.add(p.spec().key()), "ran twice: " + p.spec().params());
      s.finished(p.spec().key(), finished(p, 0.1, 0, null));
    }
    assertEquals(2, keys.size());
    assertNotNull(s.stopped(), "the space is used up");
  }

  @Test
  void anEpochBudgetStopsTheAsking() throws IOException {
    SweepConfig c = config("search: {strategy: random, trials: 50}\nbudget: {epochs: 20}",
        "  - family: ials\n    params: {alpha: {uniform: [1, 10]}}\n");
    SweepSearch s = new SweepSearch(c);
    int ran = 0;
    for (SweepSearch.Proposal p; (p = s.next()) != null; ran++) s.finished(p.spec().key(), finished(p, 0.1, 9, null));
    assertEquals(3, ran, "9 + 9 < 20 <= 27 epochs");
    assertTrue(s.stopped().startsWith("budget spent"), s.stopped());
  }

  /** ASHA's rung at epoch 9 is the trials' last epoch: a trial that reached it completes, however it ranks there. */
  @Test
  void aTrialAtItsLastEpochIsNotPruned() throws IOException {
    SweepConfig c = config("search: {strategy: random, trials: 2}\npruner: {strategy: asha, min_epochs: 1, reduction_factor: 3}",
        "  - family: ials\n    params: {alpha: {uniform: [1, 10]}, epochs: 9}\n");
    SweepSearch s = new SweepSearch(c);
    SweepSearch.Proposal a = s.next();
    SweepSearch.Proposal b = s.next();
    for (int epoch : new int[] {1, 3, 9}) assertNull(s.report(a.spec().key(), epoch, 0.30));
    assertNull(s.report(b.spec().key(), 1, 0.40));
    assertNull(s.report(b.spec().key(), 3, 0.40));
    assertNull(s.report(b.spec().key(), 9, 0.20), "worse than a at rung 2 (epoch 9), but that is b's last epoch");
  }

  /** A resumed sweep's wall budget goes on from what the earlier processes spent, not from zero. */
  @Test
  void aWallBudgetCountsTheTimeSpentBeforeAResume() throws IOException {
    SweepConfig c = config("search: {strategy: random, trials: 50}\nbudget: {wall: 10m}", "  - family: ease\n    params: {lambda: {loguniform: [1, 1000]}}\n");
    SweepSearch almostSpent = new SweepSearch(c);
    almostSpent.spentBefore(Duration.ofMinutes(9));
    assertNotNull(almostSpent.next(), "a minute is left");
    assertTrue(almostSpent.wallSpent().compareTo(Duration.ofMinutes(9)) >= 0);
    SweepSearch spent = new SweepSearch(c);
    spent.spentBefore(Duration.ofMinutes(10));
    assertNull(spent.next());
    assertTrue(spent.stopped().matches("budget spent \\(60\\d s, .*"), spent.stopped());
  }

  @Test
  void ashaPrunesThroughTheSweepAndTheTotalsCountIt() throws IOException {
    SweepConfig c = config("search: {strategy: random, trials: 3}\npruner: {strategy: asha, min_epochs: 1, reduction_factor: 3}",
        "  - family: ials\n    params: {alpha: {uniform: [1, 10]}, epochs: 9}\n");
    SweepSearch s = new SweepSearch(c);
    SweepSearch.Proposal a = s.next();
    SweepSearch.Proposal b = s.next();
    assertNull(s.report(a.spec().key(), 1, 0.30), "first at rung 0");
    String reason = s.report(b.spec().key(), 1, 0.20);
    assertNotNull(reason, "maximized: 0.20 is worse than 0.30, and only the best of two goes on");
    s.finished(b.spec().key(), finished(b, 0.20, 1, "epoch 1: " + reason));
    s.finished(a.spec().key(), finished(a, 0.35, 9, null));
    SweepRunner.Totals t = s.totals();
    assertEquals(1, t.pruned());
    assertEquals(10, t.epochsRun());
    assertEquals(18, t.epochsUnpruned(), "the pruned trial counted at its epochs param");
    assertEquals(a.spec().key(), c.trial(t.best().family(), a.spec().params()).key());
    assertEquals(0.35, t.best().metric());
  }

  @Test
  void resumedTrialsAreLearnedFromAndNeverProposedAgain() throws IOException {
    SweepConfig c = config("search: {strategy: tpe, trials: 6, startup_trials: 2}", "  - family: ease\n    params: {lambda: [10, 100, 1000, 5000]}\n");
    SweepSearch before = new SweepSearch(c);
    List<SweepSearch.Proposal> ran = List.of(before.next(), before.next(), before.next());
    SweepSearch resumed = new SweepSearch(c);
    for (SweepSearch.Proposal p : ran) resumed.restore(p.index(), p.spec(), finished(p, 0.1, 0, null), new TreeMap<>());
    assertEquals(3, resumed.trials());
    SweepSearch.Proposal next = resumed.next();
    assertEquals(3, next.index(), "numbers go on after the resumed trials");
    assertTrue(ran.stream().noneMatch(p -> p.spec().key().equals(next.spec().key())));
  }

  @Test
  void aGridIsItsListInOrder() throws IOException {
    SweepConfig c = config("search: {strategy: grid}", "  - family: ease\n    params: {lambda: [100, 200, 100]}\n  - family: mostpop\n");
    SweepSearch s = new SweepSearch(c);
    List<TrialSpec> asked = new ArrayList<>();
    for (SweepSearch.Proposal p; (p = s.next()) != null; ) {
      assertEquals(asked.size(), p.index());
      asked.add(p.spec());
    }
    assertEquals(c.expand(), asked);
  }
}
