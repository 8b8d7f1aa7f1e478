package movierec.models.deepfm;

import java.util.Map;
import movierec.models.FamilyChecks;
import movierec.models.features.FeatureFamilyContract;
import org.junit.jupiter.api.Test;

class DeepFmTest extends FeatureFamilyContract {
  @Override
  protected String family() {
    return "deepfm";
  }

  @Override
  protected Hooks tinyModel() {
    DeepFm model = new DeepFm(new DeepFmParams(3, 5, 4, 0.05, 0, 1, 1, 4, "bpr"));
    return new Hooks(model, model::initialize, model::pairs, model::parameters);
  }

  @Override
  protected Map<String, Object> quickParams() {
    return Map.of("epochs", 2, "hidden1", 16, "hidden2", 8);
  }

  @Test
  void rejectsInvalidLayerWidths() {
    FamilyChecks.assertInvalid(family(), Map.of("hidden1", 0), "hidden1");
    FamilyChecks.assertInvalid(family(), Map.of("hidden2", 0), "hidden2");
  }
}
