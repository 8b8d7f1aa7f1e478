package movierec.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A model family: its name, its params record with defaults, and the factory that builds a model from
 * params. Parameters bind by record component name in snake_case ({@code learningRate} is
 * {@code learning_rate} in configs, on the command line and in MLflow); unknown names, wrong types and
 * out-of-range values are {@link InvalidParamException}s that name the parameter and list the valid ones.
 *
 * @param <P> the params record
 */
public record ModelFamily<P extends Record>(String name, String description, Class<P> paramsType, P defaults, Function<P, Model> factory) {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // 32.5 for an int param would otherwise bind as 32 while 32.5 is what gets logged.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** Defaults overlaid with {@code overrides}, validated. */
  public P params(Map<String, ?> overrides) {
    Map<String, Object> merged = defaultValues();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      if (!merged.containsKey(e.getKey())) {
        throw new InvalidParamException(e.getKey(), "unknown parameter for " + name + "; valid: " + String.join(", ", merged.keySet()));
      }
      merged.put(e.getKey(), e.getValue());
    }
    try {
      return MAPPER.convertValue(merged, paramsType);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    }
  }

  /** Parameter name to default value, in declaration order. */
  public Map<String, Object> defaultValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (var c : paramsType.getRecordComponents()) {
      try {
        values.put(snakeCase(c.getName()), c.getAccessor().invoke(defaults));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /** Parameter name to value of a params record, sorted by name: what gets logged. */
  public Map<String, Object> describe(P params) {
    Map<String, Object> values = new TreeMap<>();
    for (var c : paramsType.getRecordComponents()) {
      try {
        values.put(snakeCase(c.getName()), c.getAccessor().invoke(params));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /** Every param by name, {@code overrides} resolved against the defaults: what a run records. */
  public Map<String, Object> resolve(Map<String, ?> overrides) {
    return describe(params(overrides));
  }

  public Model create(Map<String, ?> overrides) {
    return factory.apply(params(overrides));
  }

  static String snakeCase(String camel) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(camel);
  }

  private RuntimeException translate(IllegalArgumentException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidParamException ipe) return new InvalidParamException(snakeCase(ipe.param()), ipe.getMessage().substring(ipe.param().length() + 2));
    }
    if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      String field = jme.getPath().get(0).getFieldName();
      Object expected = defaultValues().get(field);
      String type = expected == null ? "a value" : expected.getClass().getSimpleName().toLowerCase();
      return new InvalidParamException(field, "expected " + type + " for " + name);
    }
    return new InvalidParamException("params", e.getMessage());
  }
}
