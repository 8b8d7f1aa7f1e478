package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  private final RunRecord record = new RunRecord("bpr", Map.of("factors", 64, "lr", 0.05, "reg", 0.01),
      Map.of("factors", 64, "lr", 0.01, "reg", 0.01), Map.of("family", "bpr", "seed", "42"), "small-seed42", "abc123", RunRecord.JOB, "experiments/q.yaml", "");

  @Test
  void paramsHoldEveryResolvedValueAndTheSettings() {
    assertEquals(Map.of("factors", "64", "lr", "0.05", "reg", "0.01", "family", "bpr", "seed", "42"), record.params());
  }

  @Test
  void noteNamesOnlyWhatDiffersFromDefaults() {
    assertEquals("bpr (lr=0.05) on small-seed42", record.note());
    RunRecord defaults = new RunRecord("ease", Map.of("lambda", 500.0), Map.of("lambda", 500.0), Map.of(), "d", "c", RunRecord.JOB, "s", "");
    assertEquals("ease (defaults) on d", defaults.note());
    RunRecord ensemble = new RunRecord("ensemble", Map.of("method", "weighted", "weights", "auto"), Map.of(),
        Map.of(), "d", "c", RunRecord.LOCAL, "movierec ensemble", "Weighted hard voting (auto weights) of best3: ease r1, ials r2, bpr r3");
    assertEquals("Weighted hard voting (auto weights) of best3: ease r1, ials r2, bpr r3 on d", ensemble.note());
  }

  @Test
  void standardTagsFillVersionSourceAndDescription() {
    assertEquals(Map.of(RunRecord.GIT_COMMIT_TAG, "abc123", RunRecord.SOURCE_TYPE_TAG, "JOB", TrackingClient.SOURCE_NAME_TAG,
        "experiments/q.yaml", RunRecord.NOTE_TAG, "bpr (lr=0.05) on small-seed42"), record.tags());
  }

  @Test
  void aSettingMayNotShadowAModelParam() {
    RunRecord clash = new RunRecord("bpr", Map.of("seed", 1), Map.of("seed", 1), Map.of("seed", "42"), "d", "c", RunRecord.JOB, "s", "");
    assertThrows(IllegalArgumentException.class, clash::params);
  }
}
