package movierec.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a trial or ensemble run records about how it was produced: every model param with its
 * resolved value (defaults included), the run settings, and MLflow's standard tags so that the UI's
 * Version, Source and Description fields are filled. One class for every kind of run, so trials and
 * ensembles cannot drift apart.
 *
 * @param family registry name of the model family, or the run kind for runs without one (ensembles)
 * @param resolved every model param by snake_case name, as {@code ModelFamily.describe} gives it
 * @param defaults the family's defaults ({@code ModelFamily.defaultValues}); the description names what differs
 * @param settings run settings beside the model params (dataset, split, seed, ...), logged as params too
 * @param dataset the dataset label shown in the description
 * @param gitCommit the code version, {@code unknown} outside a git checkout
 * @param sourceType {@link #JOB} (a sweep's trial) or {@link #LOCAL} (a command run by hand, an ensemble)
 * @param sourceName what produced the run, e.g. the sweep file
 * @param detail the description in words instead of the params that differ (an ensemble's method and sources); empty for none
 */
public record RunRecord(String family, Map<String, Object> resolved, Map<String, Object> defaults, Map<String, String> settings,
    String dataset, String gitCommit, String sourceType, String sourceName, String detail) {
  public static final String GIT_COMMIT_TAG = "mlflow.source.git.commit";
  public static final String SOURCE_TYPE_TAG = "mlflow.source.type";
  public static final String NOTE_TAG = "mlflow.note.content";
  /** MLflow's source types are NOTEBOOK, JOB, PROJECT, LOCAL: a sweep trial is a scheduled job, an ensemble a local command. */
  public static final String JOB = "JOB";
  public static final String LOCAL = "LOCAL";

  public RunRecord {
    resolved = new TreeMap<>(resolved);
    defaults = new TreeMap<>(defaults);
    settings = new LinkedHashMap<>(settings);
  }

  /** Model params then settings, as MLflow params; a setting may not reuse a param name. */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    resolved.forEach((k, v) -> p.put(k, String.valueOf(v)));
    settings.forEach((k, v) -> {
      if (p.containsKey(k)) throw new IllegalArgumentException("setting '" + k + "' clashes with a " + family + " param");
      p.put(k, v);
    });
    return p;
  }

  /** The model params whose value is not the family default, sorted by name. */
  public Map<String, Object> changed() {
    Map<String, Object> changed = new TreeMap<>();
    resolved.forEach((k, v) -> {
      if (!Objects.equals(String.valueOf(v), String.valueOf(defaults.get(k)))) changed.put(k, v);
    });
    return changed;
  }

  /** One line for the run's Description: family, params that differ from defaults (or the detail), dataset. */
  public String note() {
    if (!detail.isEmpty()) return detail + " on " + dataset;
    Map<String, Object> changed = changed();
    String params = changed.isEmpty() ? "defaults"
        : changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    return family + " (" + params + ") on " + dataset;
  }

  /** MLflow's standard tags: Version, Source and Description in the UI. */
  public Map<String, String> tags() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(GIT_COMMIT_TAG, gitCommit);
    t.put(SOURCE_TYPE_TAG, sourceType);
    t.put(TrackingClient.SOURCE_NAME_TAG, sourceName);
    t.put(NOTE_TAG, note());
    return t;
  }
}
