package movierec.runners.search;

import java.util.List;
import java.util.Map;

/** Decides after each reported epoch whether a running trial should stop. */
public interface Pruner {
  /** Why the trial should stop at its latest epoch, or null to let it go on. */
  String prune(SearchTrial trial, List<SearchTrial> trials);

  Map<String, String> describe();

  /** Never prunes. */
  Pruner NONE = new Pruner() {
    @Override
    public String prune(SearchTrial trial, List<SearchTrial> trials) {
      return null;
    }

    @Override
    public Map<String, String> describe() {
      return Map.of("pruner", "none");
    }
  };
}
