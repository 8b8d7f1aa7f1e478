package movierec.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.core.data.InputException;
import movierec.core.model.ModelFamily;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
import movierec.models.mostpopular.MostPopular;
import movierec.models.mostpopular.MostPopularParams;

/**
 * Every model family, found by name. Adding a family is a package under {@code movierec.models} and one
 * line here; the trial runner, tracking and ensembles need no change.
 */
public final class ModelRegistry {
  private static final Map<String, ModelFamily<?>> FAMILIES = new LinkedHashMap<>();

  static {
    add(new ModelFamily<>("mostpop", "items ranked by interaction count", MostPopularParams.class, new MostPopularParams(), MostPopular::new));
    add(new ModelFamily<>("ease", "EASE: closed-form item-item autoencoder (Steck 2019)", EaseParams.class, new EaseParams(), Ease::new));
  }

  private ModelRegistry() {}

  private static void add(ModelFamily<?> family) {
    FAMILIES.put(family.name(), family);
  }

  public static ModelFamily<?> get(String name) {
    ModelFamily<?> f = FAMILIES.get(name);
    if (f == null) throw new InputException("unknown model family '" + name + "'; valid: " + String.join(", ", FAMILIES.keySet()));
    return f;
  }

  public static List<ModelFamily<?>> all() {
    return List.copyOf(FAMILIES.values());
  }
}
