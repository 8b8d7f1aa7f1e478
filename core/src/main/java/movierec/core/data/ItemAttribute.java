package movierec.core.data;

import java.util.Arrays;

/**
 * A multi-valued categorical attribute of items (genres, directors, writers): the distinct values, and
 * for each item index the sorted indices of its values (empty when the item has none).
 */
public record ItemAttribute(String name, String[] values, int[][] byItem) {

  public static ItemAttribute empty(String name, int numItems) {
    int[][] none = new int[numItems][];
    Arrays.fill(none, new int[0]);
    return new ItemAttribute(name, new String[0], none);
  }

  public int numValues() {
    return values.length;
  }

  public int[] of(int item) {
    return byItem[item];
  }

  public boolean isEmpty() {
    return values.length == 0;
  }
}
