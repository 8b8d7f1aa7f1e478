package movierec.submissions.leaderboard;

import java.util.Set;
import movierec.core.eval.Metric;
import movierec.core.train.RunDefaults;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;

/**
 * What a leaderboard ranks and shows.
 *
 * @param metric a per-epoch metric key such as {@code recall_at_10}; runs are ranked by its best-epoch value
 * @param kinds which runs take part ({@link RunKeys#KIND}): trials, ensembles or both; never sweeps
 * @param perFamily keep only the best run of each family
 * @param top rows per ranking, 0 = all
 * @param allowMixedSplits rank runs of different validation splits together
 * @param pageSize runs per search request (the search still pages through every match)
 * @param includePruned rank trials a pruner stopped ({@link RunKeys#PRUNED}) too; they ran only part of their epochs
 *     and have no final lists, so they are left out by default
 */
public record LeaderboardOptions(String metric, Set<String> kinds, boolean perFamily, int top, boolean allowMixedSplits, int pageSize,
    boolean includePruned) {
  public static final String DEFAULT_METRIC = RunDefaults.METRIC;
  public static final Set<String> RANKED_KINDS = Set.of(RunKeys.KIND_TRIAL, RunKeys.KIND_ENSEMBLE);

  public LeaderboardOptions {
    metric = Metric.parse(metric).key();
    kinds = Set.copyOf(kinds);
    if (top < 0) throw new IllegalArgumentException("--top must be >= 0, got " + top);
  }

  /** Every trial and ensemble, ranked by Recall@10, split-aware. */
  public static LeaderboardOptions defaults() {
    return new LeaderboardOptions(DEFAULT_METRIC, RANKED_KINDS, false, 0, false, RunQuery.DEFAULT_PAGE_SIZE, false);
  }

  /** The summary metric runs are ranked by, e.g. {@code best_recall_at_10}. */
  public String rankingKey() {
    return RunKeys.best(metric);
  }

  public LeaderboardOptions withMetric(String m) {
    return new LeaderboardOptions(m, kinds, perFamily, top, allowMixedSplits, pageSize, includePruned);
  }

  public LeaderboardOptions withKinds(Set<String> k) {
    return new LeaderboardOptions(metric, k, perFamily, top, allowMixedSplits, pageSize, includePruned);
  }

  public LeaderboardOptions withPerFamily(boolean p) {
    return new LeaderboardOptions(metric, kinds, p, top, allowMixedSplits, pageSize, includePruned);
  }

  public LeaderboardOptions withTop(int n) {
    return new LeaderboardOptions(metric, kinds, perFamily, n, allowMixedSplits, pageSize, includePruned);
  }

  public LeaderboardOptions withAllowMixedSplits(boolean allow) {
    return new LeaderboardOptions(metric, kinds, perFamily, top, allow, pageSize, includePruned);
  }

  public LeaderboardOptions withPageSize(int size) {
    return new LeaderboardOptions(metric, kinds, perFamily, top, allowMixedSplits, size, includePruned);
  }

  public LeaderboardOptions withIncludePruned(boolean include) {
    return new LeaderboardOptions(metric, kinds, perFamily, top, allowMixedSplits, pageSize, include);
  }
}
