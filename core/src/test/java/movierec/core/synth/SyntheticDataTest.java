package movierec.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    Dataset a = SyntheticData.generate(SyntheticConfig.TINY, 11, "a");
    assertEquals(a.hash(), SyntheticData.generate(SyntheticConfig.TINY, 11, "b").hash(), "the name is not part of the content");
    assertNotEquals(a.hash(), SyntheticData.generate(SyntheticConfig.TINY, 12, "a").hash());
  }

  @Test
  void tinyHasCompetitionLikeHistories() {
    assertShape(Fixtures.tiny(), SyntheticConfig.TINY);
  }

  @Test
  void smallHasCompetitionLikeHistories() {
    assertShape(Fixtures.small(), SyntheticConfig.SMALL);
  }

  private static void assertShape(Dataset d, SyntheticConfig c) {
    assertEquals(c.users(), d.numUsers());
    assertTrue(d.numItems() <= c.items() && d.numItems() > c.items() * 0.9, "most of the catalog is watched: " + d.numItems());
    Interactions in = d.interactions();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int u = 0; u < in.numUsers(); u++) {
      min = Math.min(min, in.length(u));
      max = Math.max(max, in.length(u));
      for (int k = in.start(u) + 1; k < in.end(u); k++) assertTrue(in.time(k - 1) <= in.time(k), "time order");
    }
    assertTrue(min >= c.minHistory(), "shortest history " + min);
    assertTrue(max <= c.maxHistory(), "longest history " + max);
    double mean = (double) in.size() / in.numUsers();
    assertTrue(mean > c.medianHistory() && mean < 2 * c.medianHistory(), "log-normal: mean above the median, got " + mean);
    // Nobody watches a movie before its release year; a few items have no year, as in the competition.
    ItemSide side = d.side();
    int withoutYear = 0;
    for (int i = 0; i < d.numItems(); i++) if (!side.hasYear(i)) withoutYear++;
    assertTrue(withoutYear > 0 && withoutYear < d.numItems() / 100, "items without year: " + withoutYear);
    for (int u = 0; u < in.numUsers(); u++) {
      for (int k = in.start(u); k < in.end(u); k++) {
        int item = in.item(k);
        if (side.hasYear(item)) assertTrue(side.years()[item] <= Dataset.yearOf(in.time(k)), "watched before release");
      }
    }
    assertFalse(side.genres().isEmpty());
    assertFalse(side.directors().isEmpty());
  }
}
