package movierec.models.genrerule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.TopK;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class GenreRuleTest {
  private static final String FAMILY = "genre_rule";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), Fixtures.small(), 1.03);
  }

  @Test
  void beatsMostPopularWhenTastesFollowGenres() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), FamilyChecks.twoTasteGroups(), 1.2);
  }

  @Test
  void topOfTheListFollowsTheQuotasThenPopularity() {
    // 30 items: 0-9 genre A, 10-19 B, 20-29 C; item i is watched by (7i mod 30) + 1 other users, so
    // popularity order differs from index order within each genre.
    RawData raw = new RawData();
    for (int i = 0; i < 30; i++) {
      raw.attribute("genre", 1 + i, "ABC".substring(i / 10, i / 10 + 1));
      for (int v = 0; v < (7 * i) % 30 + 1; v++) raw.add(2 + v, 1 + i, 1_300_000_000L + i);
    }
    // The probe user (index 0) watched three A items, two B and one C: favourites A, B, C.
    for (int i : new int[] {0, 1, 2, 10, 11, 20}) raw.add(1, 1 + i, 1_400_000_000L + i);
    Dataset data = raw.build("genre-quotas");
    GenreRule rule = new GenreRule(new GenreRuleParams("2:1:1"));
    rule.fit(TrainContext.of(data.interactions(), data.side(), 0));
    float[] scores = new float[30];
    rule.score(new int[] {0}, scores);
    CandidateFilters.SEEN_ONLY.build(data.interactions(), data.side()).apply(0, scores, 0);
    int[] top = new int[6];
    TopK.select(scores, 0, 30, 6, top, new float[6]);
    // A's two most popular unseen (4: 29 users, 8: 27), B's (17: 30), C's (21: 28), then popularity
    // (25: 26, 12: 25). Popularity alone would start 17, 4, 21, 8.
    assertArrayEquals(new int[] {4, 8, 17, 21, 25, 12}, top);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("quotas", "3:0:1"), "quotas");
    FamilyChecks.assertInvalid(FAMILY, Map.of("quotas", "three"), "quotas");
  }
}
