package movierec.submissions.pull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;

/** Where a run comes from, for people: its metric, params, sweep and commit, data and split, and an ensemble's sources. */
public final class Lineage {
  private Lineage() {}

  /** @param metric per-epoch metric key such as {@code recall_at_10} */
  public static String describe(TrackingClient client, RunInfo run, String metric) {
    LeaderboardEntry entry = new LeaderboardEntry(run, run.metrics().getOrDefault(RunKeys.best(metric), Double.NaN));
    Map<String, String> tags = run.tags();
    StringBuilder sb = new StringBuilder();
    line(sb, "run", run.runId() + " (" + run.runName() + ") in experiment " + run.experimentId() + ", " + run.status());
    line(sb, "family", entry.family() + " (" + entry.kind() + ")");
    line(sb, RunKeys.best(metric), String.format(Locale.ROOT, "%.4f", entry.value())
        + (entry.bestEpoch().isPresent() && entry.bestEpoch().getAsInt() > 0 ? " at epoch " + entry.bestEpoch().getAsInt() : ""));
    if (!entry.keyParams().isEmpty()) line(sb, "params", entry.keyParamsText());
    if (tags.containsKey(RunKeys.SWEEP_ID)) {
      line(sb, "sweep", tags.get(RunKeys.SWEEP_ID) + run.parentRunId().map(p -> " (parent run " + p + ")").orElse(""));
    }
    if (tags.containsKey(RunRecord.GIT_COMMIT_TAG)) line(sb, "commit", tags.get(RunRecord.GIT_COMMIT_TAG));
    line(sb, "data", tags.getOrDefault(RunKeys.DATASET, "?") + ", dataset hash " + tags.getOrDefault(RunKeys.DATASET_HASH, "?")
        + ", split hash " + tags.getOrDefault(RunKeys.SPLIT_HASH, "?"));
    if (tags.containsKey(RunKeys.SOURCE_RUNS)) {
      List<String> ids = Arrays.asList(tags.get(RunKeys.SOURCE_RUNS).split(","));
      String[] weights = tags.getOrDefault(RunKeys.SOURCE_WEIGHTS, "").split(",");
      line(sb, "sources", ids.size() + " runs");
      for (int i = 0; i < ids.size(); i++) {
        String weight = i < weights.length ? weights[i] : "?";
        sb.append(String.format(Locale.ROOT, "  %-32s weight %s  %s%n", ids.get(i), weight, source(client, ids.get(i), metric)));
      }
    }
    return sb.toString();
  }

  private static String source(TrackingClient client, String runId, String metric) {
    try {
      RunInfo source = client.getRun(runId);
      Double value = source.metrics().get(RunKeys.best(metric));
      return source.tags().getOrDefault(RunKeys.FAMILY, "?") + (value == null ? "" : String.format(Locale.ROOT, " %s %.4f", RunKeys.best(metric), value));
    } catch (TrackingException e) {
      if (e.isNotFound()) return "(run no longer exists)";
      throw e;
    }
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-18s %s%n", label, value));
  }
}
