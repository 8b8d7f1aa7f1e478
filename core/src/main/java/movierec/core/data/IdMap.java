package movierec.core.data;

import java.util.Arrays;

/**
 * Two-way map between external ids (as in the files) and dense indices 0..n-1 assigned in ascending
 * external-id order, so the mapping does not depend on row order.
 */
public final class IdMap {
  private final int[] externalIds;

  /** @param sortedDistinctIds ascending, distinct external ids */
  public IdMap(int[] sortedDistinctIds) {
    for (int i = 1; i < sortedDistinctIds.length; i++) {
      if (sortedDistinctIds[i - 1] >= sortedDistinctIds[i]) {
        throw new IllegalArgumentException("ids must be ascending and distinct");
      }
    }
    this.externalIds = sortedDistinctIds.clone();
  }

  /** Builds the map from any ids (duplicates allowed). */
  public static IdMap of(int[] ids) {
    return new IdMap(Arrays.stream(ids).sorted().distinct().toArray());
  }

  public int size() {
    return externalIds.length;
  }

  public int externalId(int index) {
    return externalIds[index];
  }

  /** Dense index of an external id, or -1 when unknown. */
  public int index(int externalId) {
    int i = Arrays.binarySearch(externalIds, externalId);
    return i >= 0 ? i : -1;
  }

  public int[] externalIds() {
    return externalIds.clone();
  }
}
