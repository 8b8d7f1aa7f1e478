package movierec.models.fm;

import movierec.models.features.FeatureFamilyContract;

class FmTest extends FeatureFamilyContract {
  @Override
  protected String family() {
    return "fm";
  }

  @Override
  protected Hooks tinyModel() {
    Fm model = new Fm(new FmParams(3, 0.05, 0, 1, 1, 4, "bpr"));
    return new Hooks(model, model::initialize, model::pairs, () -> new float[][] {model.parameters()});
  }
}
