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
}
