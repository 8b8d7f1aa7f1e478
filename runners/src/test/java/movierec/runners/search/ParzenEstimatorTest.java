package movierec.runners.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {
  private static final List<ParzenEstimator.Dim> MIXED = List.of(ParzenEstimator.Dim.continuous(-1, 2), ParzenEstimator.Dim.categorical(3));
  private static final double[][] OBS = {{0.1, 0}, {1.5, 2}, {1.7, 2}};

  /** The truncated kernels, smoothed categorical kernels and weights make a proper density: it integrates to 1. */
  @Test
  void densityIntegratesToOne() {
    for (double priorWeight : new double[] {0.5, 1.0}) {
      ParzenEstimator e = new ParzenEstimator(MIXED, OBS, new double[] {1, 1, 0.5}, priorWeight);
      int steps = 30_000;
      double h = 3.0 / steps;
      double total = 0;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < steps; i++) total += Math.exp(e.logPdf(new double[] {-1 + (i + 0.5) * h, c})) * h;
      }
      assertEquals(1.0, total, 1e-3, "prior weight " + priorWeight);
    }
  }

  /** Draws follow the density: the share of draws in a box matches its integral. */
  @Test
  void samplesFollowTheDensity() {
    ParzenEstimator e = new ParzenEstimator(MIXED, OBS, new double[] {1, 1, 1}, 1.0);
    SplittableRandom rng = new SplittableRandom(5);
    int n = 100_000;
    int inBox = 0;
    for (int i = 0; i < n; i++) {
      double[] x = e.sample(rng);
      if (x[0] > 1.0 && x[1] == 2) inBox++;
    }
    double integral = 0;
    int steps = 10_000;
    double h = 1.0 / steps;
    for (int i = 0; i < steps; i++) integral += Math.exp(e.logPdf(new double[] {1 + (i + 0.5) * h, 2})) * h;
    assertEquals(integral, inBox / (double) n, 0.01);
  }

  /** A log-scale integer dimension (1..64): draws are integers, their masses sum to 1, and the share of draws of each value matches its mass. */
  @Test
  void integerDimensionIsAProbabilityMassOverItsValues() {
    ParzenEstimator.Dim n = new ParzenEstimator.Dim(Math.log(0.5), Math.log(64.5), 0, true, true);
    ParzenEstimator e = new ParzenEstimator(List.of(n), new double[][] {{Math.log(2)}, {Math.log(3)}, {Math.log(40)}}, new double[] {1, 1, 1}, 1.0);
    double total = 0;
    for (int v = 1; v <= 64; v++) total += Math.exp(e.logPdf(new double[] {Math.log(v)}));
    assertEquals(1.0, total, 1e-9);
    SplittableRandom rng = new SplittableRandom(3);
    int draws = 100_000;
    int[] counts = new int[65];
    for (int i = 0; i < draws; i++) {
      double v = Math.exp(e.sample(rng)[0]);
      assertEquals(Math.rint(v), v, 1e-9);
      counts[(int) Math.rint(v)]++;
    }
    for (int v : new int[] {1, 2, 3, 40, 64}) assertEquals(Math.exp(e.logPdf(new double[] {Math.log(v)})), counts[v] / (double) draws, 0.005, "value " + v);
  }
}
