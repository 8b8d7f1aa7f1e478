package movierec.models.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanelMatrix}'s and {@link RowMath}'s inner loops in the incubator Vector API: a full panel row (32 floats)
 * held in four 256-bit registers and added into each accumulator that takes it. Loaded only when the JVM has the
 * {@code jdk.incubator.vector} module.
 */
final class VectorPanels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

  private VectorPanels() {}

  /** For every item i: {@code acc[a .. a + 32) += panels[base + 32 i ..]} for each a in accOffsets[itemStart[i] .. itemStart[i + 1]). */
  static void addRows(float[] panels, int base, int rows, int[] itemStart, int[] accOffsets, float[] acc) {
    for (int i = 0; i < rows; i++) {
      int from = itemStart[i];
      int to = itemStart[i + 1];
      if (from == to) continue;
      int src = base + i * PanelMatrix.WIDTH;
      FloatVector r0 = FloatVector.fromArray(SPECIES, panels, src);
      FloatVector r1 = FloatVector.fromArray(SPECIES, panels, src + 8);
      FloatVector r2 = FloatVector.fromArray(SPECIES, panels, src + 16);
      FloatVector r3 = FloatVector.fromArray(SPECIES, panels, src + 24);
      for (int c = from; c < to; c++) {
        int a = accOffsets[c];
        FloatVector.fromArray(SPECIES, acc, a).add(r0).intoArray(acc, a);
        FloatVector.fromArray(SPECIES, acc, a + 8).add(r1).intoArray(acc, a + 8);
        FloatVector.fromArray(SPECIES, acc, a + 16).add(r2).intoArray(acc, a + 16);
        FloatVector.fromArray(SPECIES, acc, a + 24).add(r3).intoArray(acc, a + 24);
      }
    }
  }

  /** {@link RowMath#axpy}'s whole registers: {@code y[yo + j] += a · x[xo + j]} for j below the last multiple of 8; returns that multiple. */
  static int axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector scale = FloatVector.broadcast(SPECIES, a);
    int full = n - n % SPECIES.length();
    for (int j = 0; j < full; j += SPECIES.length()) {
      FloatVector.fromArray(SPECIES, x, xo + j).mul(scale).add(FloatVector.fromArray(SPECIES, y, yo + j)).intoArray(y, yo + j);
    }
    return full;
  }

  /** {@link RowMath#dot}'s registers: the products of [0, full) summed lane by lane, then the lanes added in order (full a multiple of 8). */
  static float laneSums(float[] x, int xo, float[] y, int yo, int full) {
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int j = 0; j < full; j += SPECIES.length()) {
      acc = acc.add(FloatVector.fromArray(SPECIES, x, xo + j).mul(FloatVector.fromArray(SPECIES, y, yo + j)));
    }
    float sum = 0;
    for (int lane = 0; lane < SPECIES.length(); lane++) sum += acc.lane(lane);
    return sum;
  }
}
