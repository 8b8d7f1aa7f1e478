package movierec.models.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.features.GradientChecks;
import org.junit.jupiter.api.Test;

class FfmTest {
  private static final String FAMILY = "ffm";

  @Test
  void gradientMatchesFiniteDifferences() {
    Dataset data = GradientChecks.tinySide();
    Ffm model = new Ffm(new FfmParams(3, 0.05, 0, 1, 1, "bpr"));
    model.initialize(TrainContext.of(data.interactions(), data.side(), 0));
    // Item 2 has three genres, a director, a writer and a year: every kind of term is in its score.
    GradientChecks.assertGradientMatches(model.pairs(), 1, 2, 3, model.parameters());
  }

  @Test
  void scoringTablesAgreeWithPairScores() {
    // The decomposed scores must rank like the pair scores: they differ only by the user's own weight w_u.
    Dataset data = GradientChecks.tinySide();
    Ffm model = new Ffm(new FfmParams(3, 0.05, 0, 1, 1, "bpr"));
    model.fit(TrainContext.of(data.interactions(), data.side(), 0));
    float[] scores = FamilyChecks.scoreAll(model, data);
    int items = data.numItems();
    for (int u = 0; u < data.numUsers(); u++) {
      float offset = model.pairs().score(u, 0) - scores[u * items];
      for (int i = 1; i < items; i++) assertEquals(model.pairs().score(u, i) - offset, scores[u * items + i], 1e-5);
    }
  }

  @Test
  void beatsMostPopular() {
    // The two-taste data: popularity ranks one group's items for everyone; genres and years separate them.
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 5), FamilyChecks.twoTasteGroups(), 1.5);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 2, "negatives", 2, "loss", "logloss"), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of("epochs", 2), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -1), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("negatives", 0), "negatives");
    FamilyChecks.assertInvalid(FAMILY, Map.of("loss", "hinge"), "loss");
  }
}
