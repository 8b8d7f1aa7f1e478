package movierec.core.eval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link TopK}'s scan in the incubator Vector API; loaded only when the JVM has the {@code jdk.incubator.vector} module. */
final class VectorScan {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorScan() {}

  /** The first index in [from, to) whose value is at least {@code threshold} (NaN never is), or {@code to}. */
  static int firstAtLeast(float[] values, int from, int to, float threshold) {
    int i = from;
    for (int last = to - SPECIES.length(); i <= last; i += SPECIES.length()) {
      VectorMask<Float> atLeast = FloatVector.fromArray(SPECIES, values, i).compare(VectorOperators.GE, threshold);
      if (atLeast.anyTrue()) return i + atLeast.firstTrue();
    }
    for (; i < to; i++) if (values[i] >= threshold) return i;
    return to;
  }

  /**
   * A score that at least k values in [from, to) reach: the least of the lane-wise maxima of ⌈k / lanes⌉ runs of
   * whole registers, each maximum a different entry. Negative infinity when the range is too short to split so, or
   * holds a NaN.
   */
  static float kthLowerBound(float[] values, int from, int to, int k) {
    int lanes = SPECIES.length();
    int runs = (k + lanes - 1) / lanes;
    int registersPerRun = (to - from) / lanes / runs;
    if (registersPerRun < 2) return Float.NEGATIVE_INFINITY;
    FloatVector least = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY);
    int i = from;
    for (int run = 0; run < runs; run++) {
      FloatVector most = FloatVector.fromArray(SPECIES, values, i);
      i += lanes;
      for (int r = 1; r < registersPerRun; r++, i += lanes) most = most.lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, values, i));
      least = least.lanewise(VectorOperators.MIN, most);
    }
    float bound = least.reduceLanes(VectorOperators.MIN);
    return Float.isNaN(bound) ? Float.NEGATIVE_INFINITY : bound;
  }
}
