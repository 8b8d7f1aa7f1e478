package movierec.core.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import movierec.core.data.Dataset;
import movierec.core.model.Model;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import movierec.core.train.EpochSink;
import movierec.core.train.Trainer;
import movierec.core.train.TrainingPlan;

/** Shared test data (generated, cached per JVM) and a one-call validation of a model. */
public final class Fixtures {
  private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, Split> SPLITS = new ConcurrentHashMap<>();

  private Fixtures() {}

  /** 400 users × 300 items: for tests that fit many models. */
  public static Dataset tiny() {
    return CACHE.computeIfAbsent("tiny", k -> SyntheticData.generate(SyntheticConfig.TINY, 7, "tiny"));
  }

  /** The quickstart's 3,000 users × 1,200 items. */
  public static Dataset small() {
    return CACHE.computeIfAbsent("small", k -> SyntheticData.generate(SyntheticConfig.SMALL, 7, "small"));
  }

  /** The default holdout split (last 1 + 9 random) of a dataset, seed 1. */
  public static Split holdout(Dataset data) {
    return SPLITS.computeIfAbsent(data.name(), k -> SplitProtocol.holdout(1).apply(data.interactions()));
  }

  /** Fits on the holdout split's training part and returns the validation result. */
  public static Trainer.Validated validate(Model model, Dataset data, long seed) {
    return Trainer.validate(model, data, holdout(data), TrainingPlan.defaults(seed), EpochSink.NONE);
  }
}
