package movierec.submissions.ensemble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import movierec.core.data.InputException;
import movierec.tracking.RunKeys;

/**
 * An ensemble run's {@code config.json}: how it voted, its sources and weights, and the trial config
 * its data, split and filters came from (under {@value #DATA}), so that the ensemble can be pulled,
 * validated and used as a source like any trial.
 */
public final class EnsembleConfig {
  /** The run's resolved config; a trial's has the same name. */
  public static final String FILE = "config.json";
  public static final String KIND = "kind";
  public static final String DATA = "data";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EnsembleConfig() {}

  /** @param trialConfig the config.json of the trial whose data, split and filters the ensemble used */
  public static String toJson(EnsembleSpec spec, Optional<EnsemblePreset> preset, List<Ensemble.Source> sources, double[] weights,
      String trialConfig) {
    ObjectNode root = JSON.createObjectNode();
    root.put(KIND, RunKeys.KIND_ENSEMBLE);
    root.put("method", spec.method().key());
    root.put("weights", spec.weights().key());
    root.put("rank_decay", spec.decay().key());
    if (spec.method() == VotingMethod.BLEND) root.put("normalize", spec.normalization().key());
    root.put("metric", spec.metric().key());
    preset.ifPresent(p -> root.put("preset", p.key()));
    if (spec.weights() == WeightMode.TUNED) {
      root.put("tune_samples", spec.tuneSamples());
      root.put("seed", spec.seed());
    }
    ArrayNode list = root.putArray("sources");
    for (int i = 0; i < sources.size(); i++) {
      Ensemble.Source s = sources.get(i);
      list.addObject().put("run_id", s.runId()).put("family", s.family()).put(RunKeys.best(spec.metric().key()), s.metric()).put("weight", weights[i]);
    }
    root.set(DATA, parse(trialConfig));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trial config a run's data comes from: the config itself for a trial, the embedded one for an ensemble. */
  public static String trialConfigOf(String configJson) {
    JsonNode root = parse(configJson);
    if (!RunKeys.KIND_ENSEMBLE.equals(root.path(KIND).asText())) return configJson;
    try {
      return JSON.writeValueAsString(root.path(DATA));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InputException("config.json is not JSON: " + e.getOriginalMessage());
    }
  }
}
