package movierec.runners.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.TreeMap;
import movierec.core.data.Hashing;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.model.ModelFamily;
import movierec.core.split.SplitProtocol;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;

/**
 * Everything one trial needs, fully resolved: it serializes to JSON (a scheduler job carries only
 * strings) and is logged as the run's resolved config.
 *
 * @param maxEpochs cap on epochs for iterative families
 * @param patience early-stopping patience in epochs, 0 = off
 */
public record TrialSpec(String experiment, DatasetSpec dataset, SplitProtocol split, CandidateFilters filters, String metric,
    String family, Map<String, Object> params, long seed, int maxEpochs, int patience) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public TrialSpec {
    params = new TreeMap<>(params);
  }

  /**
   * The trial's identity: a hash of everything that decides its result (family, params with every
   * default filled in and typed as the family binds them, dataset, split, filters, metric, seed, epochs,
   * patience), not of the experiment it is filed under. Equal keys are the same trial.
   */
  public String key() {
    TrialSpec identity = new TrialSpec("", dataset, split, filters, metric, family, resolved().params(), seed, maxEpochs, patience);
    return new Hashing().add(identity.toJson()).hex();
  }

  /** The same trial with every model param, defaults filled in and typed as the family binds them: what config.json and {@code --dry-run} show. */
  public TrialSpec resolved() {
    return new TrialSpec(experiment, dataset, split, filters, metric, family, resolved(ModelRegistry.get(family), params), seed, maxEpochs, patience);
  }

  private static <P extends Record> Map<String, Object> resolved(ModelFamily<P> family, Map<String, Object> params) {
    return family.describe(family.params(params));
  }

  public TrainingPlan plan() {
    return new TrainingPlan(filters, Metric.parse(metric), TrainingPlan.DEFAULT_DEPTH, seed, maxEpochs, patience);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TrialSpec fromJson(String json) {
    try {
      return JSON.readValue(json, TrialSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a trial spec: " + e.getOriginalMessage(), e);
    }
  }
}
