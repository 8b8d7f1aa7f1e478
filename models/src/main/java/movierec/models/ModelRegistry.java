package movierec.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.core.data.InputException;
import movierec.core.model.ModelFamily;
import movierec.models.autorec.AutoRec;
import movierec.models.autorec.AutoRecParams;
import movierec.models.cdae.Cdae;
import movierec.models.cdae.CdaeParams;
import movierec.models.mostpopular.MostPopular;
import movierec.models.mostpopular.MostPopularParams;
import movierec.models.multdae.MultDae;
import movierec.models.multdae.MultDaeParams;
import movierec.models.multvae.MultVae;
import movierec.models.multvae.MultVaeParams;
import movierec.models.recvae.RecVae;
import movierec.models.recvae.RecVaeParams;

/**
 * Every model family, found by name. Adding a family is a package under {@code movierec.models} and one
 * line here; the trial runner, tracking and ensembles need no change.
 */
public final class ModelRegistry {
  private static final Map<String, ModelFamily<?>> FAMILIES = new LinkedHashMap<>();

  static {
    add(new ModelFamily<>("mostpop", "items ranked by interaction count", MostPopularParams.class, new MostPopularParams(), MostPopular::new));
    add(new ModelFamily<>("multvae", "variational autoencoder with multinomial likelihood (Liang et al. 2018)", MultVaeParams.class, MultVaeParams.DEFAULTS, MultVae::new));
    add(new ModelFamily<>("multdae", "denoising autoencoder with multinomial likelihood (Liang et al. 2018)", MultDaeParams.class, MultDaeParams.DEFAULTS, MultDae::new));
    add(new ModelFamily<>("recvae", "VAE with composite prior and alternating updates (Shenbin et al. 2020)", RecVaeParams.class, RecVaeParams.DEFAULTS, RecVae::new));
    add(new ModelFamily<>("autorec", "item-based autoencoder (Sedhain et al. 2015)", AutoRecParams.class, AutoRecParams.DEFAULTS, AutoRec::new));
    add(new ModelFamily<>("cdae", "collaborative denoising autoencoder with user nodes (Wu et al. 2016)", CdaeParams.class, CdaeParams.DEFAULTS, Cdae::new));
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
