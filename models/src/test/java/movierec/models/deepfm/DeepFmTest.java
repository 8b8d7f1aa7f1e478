package movierec.models.deepfm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.features.GradientChecks;
import org.junit.jupiter.api.Test;

class DeepFmTest {
  private static final String FAMILY = "deepfm";

  private static DeepFm tinyModel() {
    return new DeepFm(new DeepFmParams(3, 5, 4, 0.05, 0, 1, 1, "bpr"));
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Dataset data = GradientChecks.tinySide();
    DeepFm model = tinyModel();
    model.initialize(TrainContext.of(data.interactions(), data.side(), 0));
    float[][] tables = model.parameters();
    GradientChecks.assertGradientMatches(model.pairs(), 1, 2, 3, tables[0], tables[1]);
  }

  @Test
  void batchedScoresAgreeWithPairScores() {
    // The split first layer and the SGEMM must give the pair scores, up to the user's own weight w_u.
    Dataset data = GradientChecks.tinySide();
    DeepFm model = tinyModel();
    model.fit(TrainContext.of(data.interactions(), data.side(), 0));
    float[] scores = FamilyChecks.scoreAll(model, data);
    int items = data.numItems();
    for (int u = 0; u < data.numUsers(); u++) {
      float offset = model.pairs().score(u, 0) - scores[u * items];
      for (int i = 1; i < items; i++) assertEquals(model.pairs().score(u, i) - offset, scores[u * items + i], 1e-4);
    }
  }

  @Test
  void beatsMostPopular() {
    // The two-taste data: popularity ranks one group's items for everyone; genres and years separate them.
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 5), FamilyChecks.twoTasteGroups(), 1.5);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 2, "hidden1", 16, "hidden2", 8), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of("epochs", 1, "hidden1", 16, "hidden2", 8), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("hidden1", 0), "hidden1");
    FamilyChecks.assertInvalid(FAMILY, Map.of("hidden2", 0), "hidden2");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -1), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("negatives", 0), "negatives");
    FamilyChecks.assertInvalid(FAMILY, Map.of("loss", "hinge"), "loss");
  }
}
