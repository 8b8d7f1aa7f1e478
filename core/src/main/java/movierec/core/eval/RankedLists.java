package movierec.core.eval;

/**
 * Top-N recommendations per user (item indices best first, with their scores). A user with no list
 * (not evaluated) has an empty array.
 */
public record RankedLists(int depth, int[][] items, float[][] scores) {
  public int numUsers() {
    return items.length;
  }
}
