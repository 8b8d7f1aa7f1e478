package movierec.runners.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.eval.RankedLists;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.core.train.TrainingPlan;
import movierec.submissions.ensemble.Ensemble;
import movierec.submissions.ensemble.EnsemblePreset;
import movierec.submissions.ensemble.EnsembleSpec;
import movierec.submissions.ensemble.MemberSelection;
import movierec.submissions.ensemble.RankDecay;
import movierec.submissions.ensemble.ScoreNormalization;
import movierec.submissions.ensemble.VotingMethod;
import movierec.submissions.ensemble.WeightMode;

/**
 * What the ensemble presets give on an experiment's runs, and how fast blending's weight search is at
 * the competition's scale. Every figure of the table is on the held-out half of the validation users,
 * which neither the sources' training, the weight search nor member selection read.
 */
public final class EnsembleBench {
  /** One way to build an ensemble from a pool: how members are chosen and how they are combined. */
  public record Config(EnsemblePreset preset, boolean greedy, VotingMethod method, WeightMode weights, RankDecay decay, ScoreNormalization normalization) {
    String methodLabel() {
      String m = switch (method) {
        case HARD -> "hard";
        case WEIGHTED -> "weighted" + (decay == RankDecay.LOG ? "+log" : "");
        case BLEND -> "blend-" + normalization.key();
        case STACK -> "stack";
      };
      return m + " " + weights.key();
    }
  }

  /** The combinations of {@code methods} the table tries for every preset and member choice. */
  public static List<Config> configs(List<EnsemblePreset> presets, List<VotingMethod> methods) {
    List<Config> configs = new ArrayList<>();
    for (EnsemblePreset preset : presets) {
      for (boolean greedy : new boolean[] {false, true}) {
        configs.add(new Config(preset, greedy, VotingMethod.WEIGHTED, WeightMode.TUNED, RankDecay.NONE, ScoreNormalization.MINMAX));
        configs.add(new Config(preset, greedy, VotingMethod.WEIGHTED, WeightMode.TUNED, RankDecay.LOG, ScoreNormalization.MINMAX));
        // Softmax is left out: over 100 candidates it keeps little but each list's top few, which rank already weighs.
        for (ScoreNormalization n : List.of(ScoreNormalization.RANK, ScoreNormalization.MINMAX, ScoreNormalization.ZSCORE)) {
          configs.add(new Config(preset, greedy, VotingMethod.BLEND, WeightMode.TUNED, RankDecay.NONE, n));
        }
        configs.add(new Config(preset, greedy, VotingMethod.BLEND, WeightMode.GIVEN, RankDecay.NONE, ScoreNormalization.ZSCORE));
        // Stacking weighs every member it is given itself: greedy selection does not apply.
        if (!greedy) configs.add(new Config(preset, false, VotingMethod.STACK, WeightMode.TUNED, RankDecay.NONE, ScoreNormalization.ZSCORE));
      }
    }
    return configs.stream().filter(c -> methods.contains(c.method())).toList();
  }

  private EnsembleBench() {}

  /**
   * Prints one row per configuration: members, weights, the held-out metric and its gain over the best
   * single run of the pool on the same users; then what an oracle could reach from the pool's lists.
   *
   * @param pool the best run of every family, best first (as {@code --select greedy} reads them)
   */
  public static void table(List<Ensemble.Source> pool, List<Config> configs, Metric.Keyed metric, int tuneSamples, long seed, Dataset data, Split split,
      CandidateFilters filters, PrintStream out) {
    // The sources' own figures need a combiner with weights, which stacking has not: an equal blend gives them.
    EnsembleSpec base = new EnsembleSpec(VotingMethod.BLEND, WeightMode.GIVEN, RankDecay.NONE, ScoreNormalization.ZSCORE, metric, tuneSamples, seed);
    Ensemble.HeldOut singles = Ensemble.heldOut(pool, equal(pool.size()), base, data, split, filters);
    int best = IntStream.range(0, pool.size()).boxed().max((a, b) -> Double.compare(singles.sources().get(a).get(metric.metric()),
        singles.sources().get(b).get(metric.metric()))).orElseThrow();
    double bestSingle = singles.sources().get(best).get(metric.metric());
    out.printf(Locale.ROOT, "held-out %s on %d validation users (seed %d); sources (best run per family):%n", metric.key(), singles.ensemble().usersEvaluated(), seed);
    for (int i = 0; i < pool.size(); i++) {
      out.printf(Locale.ROOT, "  %-12s %-32s %.4f%s%n", pool.get(i).family(), pool.get(i).runId(), singles.sources().get(i).get(metric.metric()), i == best ? "  <- best single" : "");
    }
    out.printf("%n%-6s %-6s %-20s %-44s %-34s %9s %8s %7s%n", "preset", "select", "method", "members", "weights", "held-out", "gain", "time");
    for (Config c : configs) {
      if (c.preset().families() > pool.size()) continue;
      long start = System.nanoTime();
      EnsembleSpec spec = spec(c, metric, tuneSamples, seed);
      List<Ensemble.Source> members = c.greedy()
          ? Ensemble.selectMembers(pool, spec, data, split, filters, c.preset().families()).stream().map((MemberSelection.Step s) -> pool.get(s.candidate())).toList()
          : pool.subList(0, c.preset().families());
      String names = members.stream().map(Ensemble.Source::family).collect(Collectors.joining(","));
      if (members.size() < 2) {
        out.printf(Locale.ROOT, "%-6s %-6s %-20s %-44s %-34s%n", c.preset().key(), c.greedy() ? "greedy" : "rank", c.methodLabel(), names, "(no second member helps)");
        continue;
      }
      double heldOut;
      double[] weights;
      if (c.weights() == WeightMode.TUNED) {
        Ensemble.Result result = Ensemble.build(members, spec, data, split, filters);
        Ensemble.HeldOut h = result.heldOut().orElseThrow();
        heldOut = h.ensemble().get(metric.metric());
        weights = h.weights();
      } else {
        weights = normalized(members.stream().mapToDouble(Ensemble.Source::givenWeight).toArray());
        heldOut = Ensemble.heldOut(members, weights, spec, data, split, filters).ensemble().get(metric.metric());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "%-6s %-6s %-20s %-44s %-34s %9.4f %+7.2f%% %6.1fs%n", c.preset().key(), c.greedy() ? "greedy" : "rank", c.methodLabel(), names,
          Arrays.stream(weights).mapToObj(w -> String.format(Locale.ROOT, "%.2f", w)).collect(Collectors.joining(",")), heldOut,
          100 * (heldOut / bestSingle - 1), seconds);
    }
    printOracle(pool, best, metric.k(), singles.ensemble().usersEvaluated(), data, split, filters, seed, out);
  }

  /**
   * The best any re-ranking of the candidates could do on the held-out users: the share of answers (capped
   * at K per user, as recall) that are among the best single run's top N, or among any source's.
   */
  private static void printOracle(List<Ensemble.Source> pool, int best, int k, int users, Dataset data, Split split, CandidateFilters filters, long seed,
      PrintStream out) {
    int[] heldOut = Ensemble.heldOutUsers(split, seed);
    CandidateFilters.Exclusions exclusions = filters.build(split.train(), data.side());
    out.printf("%noracle %s upper bounds on the same %d users (answers among the candidates, at most %d per user):%n", "recall@" + k, users, k);
    for (int depth : new int[] {k, TrainingPlan.DEFAULT_DEPTH}) {
      double single = oracle(List.of(pool.get(best).validation()), heldOut, split.truth(), k, depth, exclusions);
      double all = oracle(pool.stream().map(Ensemble.Source::validation).toList(), heldOut, split.truth(), k, depth, exclusions);
      out.printf(Locale.ROOT, "  top %-3d of the best single run %.4f; of any of the %d sources %.4f%n", depth, single, pool.size(), all);
    }
  }

  private static double oracle(List<RankedLists> lists, int[] users, int[][] truth, int k, int depth, CandidateFilters.Exclusions exclusions) {
    double sum = 0;
    for (int u : users) {
      int[] answers = truth[u];
      long found = lists.stream().flatMapToInt(l -> Arrays.stream(l.items()[u], 0, Math.min(depth, l.items()[u].length))).distinct()
          .filter(i -> !exclusions.excluded(u, i) && Arrays.binarySearch(answers, i) >= 0).count();
      sum += Math.min(k, found) / (double) Math.min(k, answers.length);
    }
    return sum / users.length;
  }

  /**
   * Times a tuned blend of {@code sources} synthetic sources at the data's scale: each lists 100 unseen items
   * per user (popularity-biased, so lists overlap as real ones do) with descending scores. Prints the
   * weight search's time against the 60 s target.
   */
  public static void speed(Dataset data, int sources, int tuneSamples, long seed, PrintStream out) {
    Split split = SplitProtocol.holdout(1).apply(data.interactions());
    long t0 = System.nanoTime();
    List<Ensemble.Source> fake = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      RankedLists lists = syntheticLists(split, data.numItems(), seed + s);
      fake.add(new Ensemble.Source("synthetic-" + s, "synthetic" + s, 0.1 + 0.01 * s, 1, lists, lists));
    }
    out.printf(Locale.ROOT, "%d users x %d items, %d validation users, %d sources x %d candidates (built in %.1f s)%n", data.numUsers(), data.numItems(),
        Arrays.stream(split.truth()).filter(t -> t.length > 0).count(), sources, TrainingPlan.DEFAULT_DEPTH, (System.nanoTime() - t0) / 1e9);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int cores = Runtime.getRuntime().availableProcessors();
    for (ScoreNormalization n : List.of(ScoreNormalization.MINMAX, ScoreNormalization.RANK)) {
      EnsembleSpec spec = new EnsembleSpec(VotingMethod.BLEND, WeightMode.TUNED, RankDecay.NONE, n, Metric.parse("recall_at_10"), tuneSamples, seed);
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      Ensemble.Result result = Ensemble.build(fake, spec, data, split, CandidateFilters.SEEN_ONLY);
      double seconds = (System.nanoTime() - start) / 1e9;
      // On a shared machine the wall time mostly measures the other jobs; CPU time over the cores is what an idle one would take.
      double idle = (os.getProcessCpuTime() - cpuStart) / 1e9 / cores;
      out.printf(Locale.ROOT, "blend-%s tuned (%d samples; search on all validation users and on the tuning half, held-out and final lists): "
          + "%.1f s wall, %.1f s CPU / %d cores (idle-machine time; target < 60 s: %s), load average %.1f; held-out recall@10 %.4f%n", n.key(), tuneSamples, seconds, idle, cores,
          idle < 60 ? "OK" : "SLOW", os.getSystemLoadAverage(), result.heldOut().orElseThrow().ensemble().recall());
    }
  }

  private static RankedLists syntheticLists(Split split, int numItems, long seed) {
    int users = split.truth().length;
    int depth = TrainingPlan.DEFAULT_DEPTH;
    int[] counts = split.train().itemCounts();
    double[] cumulative = new double[numItems];
    double total = 0;
    for (int i = 0; i < numItems; i++) cumulative[i] = total += Math.sqrt(counts[i] + 1.0);
    double sum = total;
    int[][] items = new int[users][];
    float[][] scores = new float[users][];
    IntStream.range(0, users).parallel().forEach(u -> {
      SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + u);
      int[] seen = split.train().itemsOf(u).clone();
      Arrays.sort(seen);
      int[] list = new int[depth];
      int n = 0;
      while (n < depth) {
        int item = Arrays.binarySearch(cumulative, rng.nextDouble() * sum);
        int it = Math.min(numItems - 1, item < 0 ? -item - 1 : item);
        if (Arrays.binarySearch(seen, it) >= 0) continue;
        boolean dup = false;
        for (int j = 0; j < n && !dup; j++) dup = list[j] == it;
        if (!dup) list[n++] = it;
      }
      items[u] = list;
      scores[u] = new float[depth];
      float score = 10f;
      for (int r = 0; r < depth; r++) scores[u][r] = score -= (float) rng.nextDouble();
    });
    return new RankedLists(depth, items, scores);
  }

  private static EnsembleSpec spec(Config c, Metric.Keyed metric, int tuneSamples, long seed) {
    return new EnsembleSpec(c.method(), c.weights(), c.decay(), c.normalization(), metric, tuneSamples, seed);
  }

  private static double[] equal(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0 / n);
    return w;
  }

  private static double[] normalized(double[] w) {
    double sum = Arrays.stream(w).sum();
    return Arrays.stream(w).map(x -> x / sum).toArray();
  }
}
