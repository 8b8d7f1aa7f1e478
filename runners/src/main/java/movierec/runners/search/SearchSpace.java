package movierec.runners.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conditional space: the family is a categorical choice and each family has its own sub-space.
 * A space of one family is an ordinary flat space.
 */
public final class SearchSpace {
  private final Map<String, Map<String, Distribution>> families;

  private SearchSpace(Map<String, Map<String, Distribution>> families) {
    if (families.isEmpty()) throw new IllegalArgumentException("search space: needs at least one family");
    this.families = families;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<String> familyNames() {
    return List.copyOf(families.keySet());
  }

  /** The family's parameters in declaration order (the order TPE draws them in, for determinism). */
  public Map<String, Distribution> subSpace(String family) {
    Map<String, Distribution> sub = families.get(family);
    if (sub == null) throw new IllegalArgumentException("search space: no family " + family);
    return sub;
  }

  public static final class Builder {
    private final Map<String, Map<String, Distribution>> families = new LinkedHashMap<>();

    public Builder family(String name, Map<String, Distribution> params) {
      if (families.putIfAbsent(name, Collections.unmodifiableMap(new LinkedHashMap<>(params))) != null) {
        throw new IllegalArgumentException("search space: family " + name + " given twice");
      }
      return this;
    }

    public SearchSpace build() {
      return new SearchSpace(Collections.unmodifiableMap(new LinkedHashMap<>(families)));
    }
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    families.forEach((f, sub) -> parts.add(f + " " + sub));
    return String.join("; ", parts);
  }
}
