package movierec.models.linalg;

import java.util.stream.IntStream;

/**
 * Splits index ranges over the machine's cores. Every chunk writes a disjoint part of the output, so
 * results do not depend on scheduling.
 */
public final class Parallel {
  private Parallel() {}

  /** Body run on a half-open range of indices. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body} over [0, n) in contiguous chunks of at least {@code minChunk} indices. */
  public static void forRange(int n, int minChunk, RangeBody body) {
    // A few chunks per core balance uneven rows (history lengths vary 100-fold) without much overhead.
    int chunks = Math.max(1, Math.min(4 * threads(), n / Math.max(1, minChunk)));
    if (chunks == 1) {
      body.run(0, n);
      return;
    }
    IntStream.range(0, chunks).parallel().forEach(c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
  }

  /** Threads that parallel streams use (the common pool plus the caller). */
  public static int threads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
