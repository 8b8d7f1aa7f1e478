package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricTest {
  @Test
  void roundedPointsKeepSixSignificantDigits() {
    assertEquals(0.232233, Metric.rounded("recall_at_10", 0.23223333333333334, 1).value());
    assertEquals(1.23457e7, Metric.rounded("loss/bpr", 12_345_678.9, 1).value());
    assertEquals(0.000123457, Metric.rounded("loss/bpr", 0.0001234567, 1).value());
    assertEquals(3.0, Metric.rounded("best_epoch", 3, 0).value());
    assertTrue(Double.isNaN(Metric.rounded("loss/bpr", Double.NaN, 1).value()));
    assertEquals(0.0, Metric.rounded("loss/bpr", 0.0, 1).value());
  }

  @Test
  void lossKeysNameTheFamilyAndTheObjectiveItsParamsChoose() {
    assertEquals("loss/bpr", RunKeys.loss("bpr", null));
    assertEquals("loss/fm_logloss", RunKeys.loss("fm", "logloss"));
    assertEquals("sweep_best_recall_at_10", RunKeys.sweepBest("recall_at_10"));
  }
}
