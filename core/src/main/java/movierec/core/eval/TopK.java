package movierec.core.eval;

/**
 * Selects the k best-scoring items of a score row with a bounded min-heap. Items scored negative
 * infinity (excluded) are never selected; ties go to the lower item index so results are deterministic.
 */
public final class TopK {
  static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private TopK() {}

  /**
   * @return the number of items written to {@code outItems}/{@code outScores} (best first), at most k
   */
  public static int select(float[] scores, int offset, int numItems, int k, int[] outItems, float[] outScores) {
    return select(scores, offset, numItems, k, outItems, outScores, VECTOR_API);
  }

  /** As {@link #select(float[], int, int, int, int[], float[])}, skipping losing scores with the Vector API or one by one (tests compare them). */
  static int select(float[] scores, int offset, int numItems, int k, int[] outItems, float[] outScores, boolean vector) {
    // The heap holds each kept item as one long, ordered as (score, item) is ranked: sifting compares
    // primitives in one array instead of looking scores up through item indices (measured 1.3-1.4x faster at k = 100).
    long[] heap = new long[k];
    int size = 0;
    // Once the heap is full almost every score loses to its root; that test alone, against the root's score
    // kept in a local, is the loop's common path. With the Vector API a full heap jumps over whole registers of
    // scores below the root: one compare per 16 scores instead of a branch per score. It also starts from a score
    // that k items are known to reach, so the heap fills with contenders only: half the sifting, 30 -> 15 µs a user
    // at the competition's 6,807 items and k = 100 (EASE scores).
    float weakest = vector ? VectorScan.kthLowerBound(scores, offset, offset + numItems, k) : Float.NEGATIVE_INFINITY;
    for (int i = 0; i < numItems; i++) {
      if (vector && (size == k || weakest > Float.NEGATIVE_INFINITY) && (i = VectorScan.firstAtLeast(scores, offset + i, offset + numItems, weakest) - offset) == numItems) break;
      float s = scores[offset + i];
      if (s < weakest || s == Float.NEGATIVE_INFINITY || Float.isNaN(s)) continue;
      long key = key(s + 0f, i); // + 0 turns −0 into +0, which floats compare as equal
      if (size < k) {
        heap[size] = key;
        siftUp(heap, size++);
        if (size == k) weakest = score(heap[0]);
      } else if (key > heap[0]) {
        heap[0] = key;
        siftDown(heap, size);
        weakest = score(heap[0]);
      }
    }
    // Pop the heap from weakest to strongest into the tail.
    for (int end = size - 1; end > 0; end--) {
      long tmp = heap[0];
      heap[0] = heap[end];
      heap[end] = tmp;
      siftDown(heap, end);
    }
    for (int j = 0; j < size; j++) {
      outItems[j] = item(heap[j]);
      outScores[j] = scores[offset + outItems[j]];
    }
    return size;
  }

  /**
   * A key whose signed order is the ranking: the score's bits made to order as the floats do in the high half, the
   * complemented item in the low half (so that of equal scores the lower item ranks higher).
   */
  private static long key(float score, int item) {
    int bits = Float.floatToRawIntBits(score);
    return ((long) (bits ^ ((bits >> 31) & 0x7FFFFFFF)) << 32) | (~item & 0xFFFFFFFFL);
  }

  private static float score(long key) {
    int bits = (int) (key >> 32);
    return Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7FFFFFFF));
  }

  private static int item(long key) {
    return ~(int) key;
  }

  /** Min-heap: the root is the weakest kept item. */
  private static void siftUp(long[] heap, int pos) {
    long key = heap[pos];
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (heap[parent] <= key) break;
      heap[pos] = heap[parent];
      pos = parent;
    }
    heap[pos] = key;
  }

  private static void siftDown(long[] heap, int size) {
    long key = heap[0];
    int pos = 0;
    while (true) {
      int child = 2 * pos + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (key <= heap[child]) break;
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = key;
  }
}
