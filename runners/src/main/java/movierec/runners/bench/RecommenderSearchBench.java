package movierec.runners.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import movierec.core.data.Dataset;
import movierec.core.model.ModelFamily;
import movierec.core.split.Split;
import movierec.core.train.Trainer;
import movierec.models.ModelRegistry;
import movierec.runners.sweep.SearchConfig;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.SweepSearch;
import movierec.runners.sweep.TrialOutcome;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.RunStatus;

/**
 * {@code movierec bench search --sweep FILE}: the file's search (e.g. TPE + ASHA) against random search
 * without pruning at the same trial count, through the sweep's own ask/tell wiring ({@link SweepSearch}),
 * one trial at a time in this process without tracking or refits. Prints each arm's best validation
 * metric and the epochs it ran.
 */
public final class RecommenderSearchBench {
  static final double QUALITY_TARGET = 0.99;
  static final double EPOCHS_TARGET = 0.5;

  private RecommenderSearchBench() {}

  record Arm(String name, SweepRunner.Totals totals, double seconds, double cpuSeconds) {}

  /** @param seed both arms' sampler seed */
  public static void run(SweepConfig config, int trials, long seed, PrintStream out) {
    Dataset data = config.dataset().load();
    Split split = config.split().apply(data.interactions());
    SearchConfig own = config.search();
    SearchConfig searched = new SearchConfig(own.strategy(), trials, own.startupTrials(), seed, own.pruner(), SearchConfig.BudgetConfig.NONE);
    SearchConfig random = new SearchConfig("random", trials, 0, seed, SearchConfig.PrunerConfig.NONE, SearchConfig.BudgetConfig.NONE);
    out.printf(Locale.ROOT, "%s on %s (%d users x %d items), %d trials each, sampler seed %d, patience %d, metric %s%n", config.file(),
        config.dataset().label(), data.numUsers(), data.numItems(), trials, seed, config.patience(), config.metric());
    List<Arm> arms = List.of(arm(own.strategy() + " + " + own.pruner().strategy(), config.withSearch(searched), data, split, out),
        arm("random, no pruning", config.withSearch(random), data, split, out));
    out.printf(Locale.ROOT, "%-22s %12s %8s %9s %9s %7s%n", "arm", "best " + config.metric(), "epochs", "seconds", "cpu s", "pruned");
    for (Arm a : arms) {
      out.printf(Locale.ROOT, "%-22s %12.4f %8d %9.0f %9.0f %7d%n", a.name(), a.totals().best() == null ? Double.NaN : a.totals().best().metric(),
          a.totals().epochsRun(), a.seconds(), a.cpuSeconds(), a.totals().pruned());
    }
    double quality = arms.get(0).totals().best().metric() / arms.get(1).totals().best().metric();
    double epochs = arms.get(0).totals().epochsRun() / (double) Math.max(1, arms.get(1).totals().epochsRun());
    out.printf(Locale.ROOT, "best: %.3fx random's (target >= %.2f: %s); epochs: %.0f%% of random's (target <= %.0f%%: %s)%n", quality,
        QUALITY_TARGET, quality >= QUALITY_TARGET ? "met" : "NOT met", 100 * epochs, 100 * EPOCHS_TARGET, epochs <= EPOCHS_TARGET ? "met" : "NOT met");
  }

  private static Arm arm(String name, SweepConfig config, Dataset data, Split split, PrintStream out) {
    SweepSearch search = new SweepSearch(config);
    long start = System.nanoTime();
    long cpuStart = Bench.processCpuNanos();
    for (SweepSearch.Proposal p; (p = search.next()) != null; ) {
      TrialSpec spec = p.spec();
      String key = spec.key();
      ModelFamily<?> family = ModelRegistry.get(spec.family());
      Trainer.Validated v = Trainer.validate(family.create(spec.params()), data, split, spec.plan(),
          (epoch, loss, e, seconds) -> search.report(key, epoch, e.asMap().get(spec.plan().metric().key())));
      double value = v.evaluation().asMap().get(spec.plan().metric().key());
      String runName = String.format("%s-%03d", spec.family(), p.index());
      search.finished(key, new TrialOutcome(null, runName, RunStatus.FINISHED, value, spec.family(), null, v.epochs(), v.stoppedBy()));
      out.printf(Locale.ROOT, "  %-18s %-12s %s %.4f, %d epochs%s  %s%n", name, runName, config.metric(), value, v.epochs(),
          v.stoppedBy() == null ? "" : " (pruned)", spec.params());
    }
    return new Arm(name, search.totals(), (System.nanoTime() - start) / 1e9, (Bench.processCpuNanos() - cpuStart) / 1e9);
  }
}
