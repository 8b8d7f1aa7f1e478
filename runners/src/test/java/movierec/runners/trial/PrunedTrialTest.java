package movierec.runners.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import movierec.core.eval.CandidateFilters;
import movierec.core.split.SplitProtocol;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink that stops the fit (a pruner) ends the trial at that epoch with its best epoch's lists and no refit. */
class PrunedTrialTest {
  @TempDir Path dir;

  private static TrialSpec spec(String family, Map<String, Object> params) {
    return new TrialSpec("test", DatasetSpec.synthetic("tiny", 1), SplitProtocol.holdout(2), CandidateFilters.SEEN_ONLY, "recall_at_10",
        family, params, 3, 8, 0);
  }

  @Test
  void aPrunedTrialStopsAtItsEpochAndIsNotRefitted() throws Exception {
    List<Double> seen = new ArrayList<>();
    TrialResult r = TrialRunner.run(spec("ials", Map.of("factors", 8, "epochs", 8)), dir, (epoch, loss, e, seconds) -> {
      seen.add(e.recall());
      return epoch == 3 ? "asha: rung 1" : null;
    });
    assertEquals(3, seen.size(), "no epoch after the one that pruned it");
    assertEquals(3, r.epochs());
    assertEquals("epoch 3: asha: rung 1", r.pruned());
    assertEquals(seen.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), r.validation().recall(), 1e-12, "the best epoch's metrics");
    assertTrue(Files.exists(dir.resolve(TopKFile.VALIDATION)));
    assertFalse(Files.exists(dir.resolve(Submission.FILE)), "not refitted, so no submission");
    assertEquals(0.0, r.refitSeconds());
  }

  @Test
  void closedFormFamiliesAreNeverAskedSoNeverPruned() throws Exception {
    TrialResult r = TrialRunner.run(spec("ease", Map.of()), dir, (epoch, loss, e, seconds) -> "prune everything");
    assertNull(r.pruned());
    assertEquals(0, r.epochs());
    assertTrue(Files.exists(dir.resolve(Submission.FILE)));
  }
}
