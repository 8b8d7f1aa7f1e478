package movierec.submissions.leaderboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;

/** One ranked run: the run as MLflow returned it and its value of the ranking metric. */
public record LeaderboardEntry(RunInfo run, double value) {
  /**
   * Params every trial logs about its setting rather than its model (see the sweep's tracked trial);
   * they are the same across a sweep, so the leaderboard leaves them out of "key params".
   */
  private static final Set<String> SETTING_PARAMS = Set.of("family", "dataset", "split", "filters", "seed", "patience");

  public String runId() {
    return run.runId();
  }

  public String family() {
    return run.tags().getOrDefault(RunKeys.FAMILY, "?");
  }

  public String kind() {
    return run.tags().getOrDefault(RunKeys.KIND, "?");
  }

  public String splitHash() {
    return run.tags().getOrDefault(RunKeys.SPLIT_HASH, "");
  }

  /** The model's own params (the ensemble's voting settings for an ensemble), sorted by name. */
  public Map<String, String> keyParams() {
    Map<String, String> params = new LinkedHashMap<>();
    run.params().forEach((k, v) -> {
      if (!SETTING_PARAMS.contains(k)) params.put(k, v);
    });
    return params;
  }

  /** {@code a=1 b=2}, for tables. */
  public String keyParamsText() {
    StringBuilder sb = new StringBuilder();
    keyParams().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** Empty for runs that logged no best epoch. */
  public OptionalInt bestEpoch() {
    Double epoch = run.metrics().get(RunKeys.BEST_EPOCH);
    return epoch == null ? OptionalInt.empty() : OptionalInt.of(epoch.intValue());
  }

  /** Start to end of the run. */
  public Optional<Duration> duration() {
    return run.endTime().map(end -> Duration.between(run.startTime(), end));
  }
}
