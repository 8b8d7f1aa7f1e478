package movierec.models.ffm;

import movierec.models.features.FeatureFamilyContract;

class FfmTest extends FeatureFamilyContract {
  @Override
  protected String family() {
    return "ffm";
  }

  @Override
  protected Hooks tinyModel() {
    Ffm model = new Ffm(new FfmParams(3, 0.05, 0, 1, 1, 4, "bpr"));
    return new Hooks(model, model::initialize, model::pairs, () -> new float[][] {model.parameters()});
  }
}
