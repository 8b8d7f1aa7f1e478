package movierec.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import org.junit.jupiter.api.Test;

class CandidateFiltersTest {
  private static final long IN_2005 = LocalDate.of(2005, 6, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  private static final long IN_2010 = LocalDate.of(2010, 6, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

  /** Five items released 2000, 2005, 2006, 2008 and (item 4) without a year. */
  private final ItemSide side = withYears(2000, 2005, 2006, 2008, ItemSide.NO_YEAR);

  /** User 0 last active in 2005 (saw item 0 and 1); user 1 last active in 2010 (saw item 0). Item 0 has 2 interactions, item 1 one. */
  private final Interactions seen = Interactions.fromTriples(2, 5, new int[] {0, 0, 1}, new int[] {0, 1, 0}, new long[] {IN_2005 - 9, IN_2005, IN_2010});

  @Test
  void seenItemsAreAlwaysExcluded() {
    CandidateFilters.Exclusions ex = CandidateFilters.SEEN_ONLY.build(seen, side);
    assertEquals("xx___", mask(ex, 0));
    assertEquals("x____", mask(ex, 1));
  }

  @Test
  void futureItemsAreExcludedAfterTheLastActiveYearPlusMargin() {
    assertEquals("xx" + "x" + "x_", mask(new CandidateFilters(0, 0).build(seen, side), 0), "2006 and 2008 are after 2005");
    assertEquals("xx" + "_" + "x_", mask(new CandidateFilters(1, 0).build(seen, side), 0), "margin 1 allows 2006");
    assertEquals("x___" + "_", mask(new CandidateFilters(0, 0).build(seen, side), 1), "nothing is after 2010");
  }

  @Test
  void itemsWithoutYearAreNeverFutureItems() {
    CandidateFilters.Exclusions ex = new CandidateFilters(-100, 0).build(seen, side);
    assertFalse(ex.excluded(0, 4));
    assertTrue(ex.excluded(0, 3));
  }

  @Test
  void rareItemsAreExcludedForEveryone() {
    CandidateFilters.Exclusions ex = new CandidateFilters(null, 1).build(seen, side);
    assertEquals("xxxxx", mask(ex, 0), "items 2-4 have no interaction");
    ex = new CandidateFilters(null, 2).build(seen, side);
    assertEquals("xxxxx", mask(ex, 1), "item 1 has one interaction, item 0 is seen");
  }

  @Test
  void maskingAgreesWithExcluded() {
    CandidateFilters.Exclusions ex = new CandidateFilters(0, 1).build(seen, side);
    for (int u = 0; u < 2; u++) {
      float[] scores = new float[5];
      ex.apply(u, scores, 0);
      for (int i = 0; i < 5; i++) assertEquals(ex.excluded(u, i), scores[i] == Float.NEGATIVE_INFINITY, "user " + u + " item " + i);
    }
  }

  /** 'x' for excluded, '_' for allowed, through {@link CandidateFilters.Exclusions#apply}. */
  private static String mask(CandidateFilters.Exclusions ex, int user) {
    float[] scores = new float[5];
    ex.apply(user, scores, 0);
    StringBuilder sb = new StringBuilder();
    for (float s : scores) sb.append(s == Float.NEGATIVE_INFINITY ? 'x' : '_');
    return sb.toString();
  }

  private static ItemSide withYears(int... years) {
    ItemSide none = ItemSide.none(years.length);
    IntStream.range(0, years.length).forEach(i -> none.years()[i] = years[i]);
    return none;
  }
}
