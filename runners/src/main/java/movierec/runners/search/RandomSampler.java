package movierec.runners.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Independent uniform draws: the family uniformly, then each of its parameters from its distribution. */
public final class RandomSampler implements Sampler {
  private final long seed;

  public RandomSampler(long seed) {
    this.seed = seed;
  }

  @Override
  public Assignment sample(SearchSpace space, List<SearchTrial> trials, int number) {
    return draw(space, Sampler.rng(seed, number));
  }

  static Assignment draw(SearchSpace space, SplittableRandom rng) {
    List<String> families = space.familyNames();
    String family = families.get(rng.nextInt(families.size()));
    return new Assignment(family, drawParams(space.subSpace(family), rng));
  }

  static Map<String, Object> drawParams(Map<String, Distribution> sub, SplittableRandom rng) {
    Map<String, Object> params = new LinkedHashMap<>();
    sub.forEach((name, d) -> params.put(name, d.sample(rng)));
    return params;
  }

  @Override
  public Map<String, String> describe() {
    return Map.of("sampler", "random", "seed", Long.toString(seed));
  }
}
