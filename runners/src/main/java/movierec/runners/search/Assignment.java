package movierec.runners.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sampler proposes: a family and values for its parameters. */
public record Assignment(String family, Map<String, Object> params) {
  public Assignment {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }
}
