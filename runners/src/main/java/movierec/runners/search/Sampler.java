package movierec.runners.search;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Proposes the next trial from every trial so far (finished and running). */
public interface Sampler {
  /**
   * @param number the new trial's number; samplers seed their draw from it and their own seed, so a
   *     proposal depends only on the seed and the history, not on timing
   */
  Assignment sample(SearchSpace space, List<SearchTrial> trials, int number);

  /** The sampler's settings as MLflow params (names without a prefix). */
  Map<String, String> describe();

  /** One generator per trial number: deterministic whatever the order the asks come in. */
  static SplittableRandom rng(long seed, int number) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number);
  }
}
