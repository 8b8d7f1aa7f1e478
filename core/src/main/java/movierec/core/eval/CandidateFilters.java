package movierec.core.eval;

import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;

/**
 * Which items may be recommended to a user. Seen items are always excluded (a submission must not
 * contain them). Optional: "future" items released after the year of the user's last interaction plus
 * a margin (items without a year are never excluded), and items with fewer than a number of
 * interactions.
 *
 * @param futureYearMargin null turns the future-item filter off
 * @param minItemInteractions 0 turns the popularity filter off
 */
public record CandidateFilters(Integer futureYearMargin, int minItemInteractions) {
  public static final CandidateFilters SEEN_ONLY = new CandidateFilters(null, 0);

  public CandidateFilters {
    if (minItemInteractions < 0) throw new IllegalArgumentException("filters.min_item_interactions must be >= 0");
  }

  /** Short form for logs and MLflow params, e.g. {@code seen+future(margin=1)+min_interactions(5)}. */
  @Override
  public String toString() {
    return "seen" + (futureYearMargin == null ? "" : "+future(margin=" + futureYearMargin + ")")
        + (minItemInteractions == 0 ? "" : "+min_interactions(" + minItemInteractions + ")");
  }

  /** Exclusions for the given (training) interactions. */
  public Exclusions build(Interactions seen, ItemSide side) {
    int n = seen.numItems();
    boolean[] globallyExcluded = new boolean[n];
    if (minItemInteractions > 0) {
      int[] counts = seen.itemCounts();
      for (int i = 0; i < n; i++) globallyExcluded[i] = counts[i] < minItemInteractions;
    }
    int[] lastYear = null;
    if (futureYearMargin != null) {
      lastYear = new int[seen.numUsers()];
      for (int u = 0; u < seen.numUsers(); u++) {
        lastYear[u] = seen.length(u) == 0 ? Integer.MAX_VALUE : Dataset.yearOf(seen.lastTime(u)) + futureYearMargin;
      }
    }
    return new Exclusions(seen, side.years(), globallyExcluded, lastYear);
  }

  /** Masks scores of excluded items with negative infinity. */
  public static final class Exclusions {
    private final Interactions seen;
    private final int[] years;
    private final boolean[] globallyExcluded;
    /** The items of {@link #globallyExcluded}, so that masking a row costs what is excluded, not the catalog. */
    private final int[] globallyExcludedItems;
    private final int[] maxYear;

    Exclusions(Interactions seen, int[] years, boolean[] globallyExcluded, int[] maxYear) {
      this.seen = seen;
      this.years = years;
      this.globallyExcluded = globallyExcluded;
      this.globallyExcludedItems = IntStream.range(0, globallyExcluded.length).filter(i -> globallyExcluded[i]).toArray();
      this.maxYear = maxYear;
    }

    public void apply(int user, float[] scores, int offset) {
      for (int i : globallyExcludedItems) scores[offset + i] = Float.NEGATIVE_INFINITY;
      if (maxYear != null) {
        int n = seen.numItems();
        int limit = maxYear[user];
        for (int i = 0; i < n; i++) {
          if (years[i] != ItemSide.NO_YEAR && years[i] > limit) scores[offset + i] = Float.NEGATIVE_INFINITY;
        }
      }
      for (int k = seen.start(user); k < seen.end(user); k++) scores[offset + seen.item(k)] = Float.NEGATIVE_INFINITY;
    }

    /** The catalog size: the length of a score row that {@link #apply} masks. */
    public int numItems() {
      return seen.numItems();
    }

    public boolean excluded(int user, int item) {
      if (globallyExcluded[item]) return true;
      if (maxYear != null && years[item] != ItemSide.NO_YEAR && years[item] > maxYear[user]) return true;
      for (int k = seen.start(user); k < seen.end(user); k++) if (seen.item(k) == item) return true;
      return false;
    }
  }
}
