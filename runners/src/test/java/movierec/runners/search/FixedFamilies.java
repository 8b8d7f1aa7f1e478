package movierec.runners.search;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Test sampler: hands out the given families in order, with no parameters, so pruner tests choose each trial's family. */
final class FixedFamilies implements Sampler {
  private final Deque<String> families;

  FixedFamilies(String... families) {
    this.families = new ArrayDeque<>(List.of(families));
  }

  @Override
  public Assignment sample(SearchSpace space, List<SearchTrial> trials, int number) {
    return new Assignment(families.removeFirst(), Map.of());
  }

  @Override
  public Map<String, String> describe() {
    return Map.of("sampler", "fixed");
  }

  static SearchSpace space() {
    return SearchSpace.builder().family("a", Map.of()).family("b", Map.of()).build();
  }
}
