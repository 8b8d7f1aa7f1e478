package movierec.submissions.leaderboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.TrackingClient;

/**
 * Finished trials and ensembles ranked by their best-epoch metric. Runs validated on different splits
 * were scored on different answers, so each split gets its own ranking unless mixing is allowed.
 * Ties go to the earlier run, then to the smaller run id, so the order is the same on every call.
 */
public final class Leaderboard {
  /** Stands for the split hash when runs of every split are ranked together. */
  public static final String MIXED_SPLITS = "mixed";

  /** The ranked runs of one validation split, best first. */
  public record Ranking(String splitHash, List<LeaderboardEntry> entries) {
    public Ranking {
      entries = List.copyOf(entries);
    }
  }

  private static final Comparator<LeaderboardEntry> BEST_FIRST = Comparator.comparingDouble(LeaderboardEntry::value).reversed()
      .thenComparing(e -> e.run().startTime())
      .thenComparing(LeaderboardEntry::runId);

  private final LeaderboardOptions options;
  private final List<Ranking> rankings;

  private Leaderboard(LeaderboardOptions options, List<Ranking> rankings) {
    this.options = options;
    this.rankings = List.copyOf(rankings);
  }

  /** Searches every finished run of the experiments (all pages) and ranks them. */
  public static Leaderboard load(TrackingClient client, List<String> experimentIds, LeaderboardOptions options) {
    RunQuery query = new RunQuery(experimentIds, "attributes.status = 'FINISHED'", List.of(), options.pageSize());
    return of(client.searchRuns(query), options);
  }

  /** Ranks the given runs; runs of other kinds, without the metric, or pruned (unless asked for) are left out. */
  public static Leaderboard of(Collection<RunInfo> runs, LeaderboardOptions options) {
    Map<String, List<LeaderboardEntry>> bySplit = new LinkedHashMap<>();
    for (RunInfo run : runs) {
      Double value = run.metrics().get(options.rankingKey());
      if (value == null || value.isNaN() || !options.kinds().contains(run.tags().get(RunKeys.KIND))) continue;
      if (!options.includePruned() && run.tags().containsKey(RunKeys.PRUNED)) continue;
      LeaderboardEntry entry = new LeaderboardEntry(run, value);
      String group = options.allowMixedSplits() ? MIXED_SPLITS : entry.splitHash();
      bySplit.computeIfAbsent(group, k -> new ArrayList<>()).add(entry);
    }
    List<Ranking> rankings = new ArrayList<>();
    bySplit.forEach((split, entries) -> rankings.add(new Ranking(split, select(entries, options))));
    rankings.sort(Comparator.comparing((Ranking r) -> r.entries().get(0), BEST_FIRST));
    return new Leaderboard(options, rankings);
  }

  private static List<LeaderboardEntry> select(List<LeaderboardEntry> entries, LeaderboardOptions options) {
    List<LeaderboardEntry> sorted = new ArrayList<>(entries);
    sorted.sort(BEST_FIRST);
    if (options.perFamily()) {
      Set<String> families = new HashSet<>();
      sorted.removeIf(e -> !families.add(e.family()));
    }
    return options.top() > 0 && sorted.size() > options.top() ? sorted.subList(0, options.top()) : sorted;
  }

  public LeaderboardOptions options() {
    return options;
  }

  /** One ranking per validation split (one in all when mixing is allowed), the one holding the best run first. */
  public List<Ranking> rankings() {
    return rankings;
  }

  public boolean isEmpty() {
    return rankings.isEmpty();
  }

  /** True when the runs came from more than one validation split and were not ranked together. */
  public boolean splitsDiffer() {
    return rankings.size() > 1;
  }
}
