package movierec.core.train;

import java.util.function.Supplier;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.eval.Evaluation;
import movierec.core.eval.Evaluator;
import movierec.core.eval.RankedLists;
import movierec.core.model.EpochListener;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.core.split.Split;

/**
 * The one training path every family goes through: fit on the split's training part with validation
 * after each epoch (best-epoch tracking and early stopping), then refit on all data for the
 * submission, with as many epochs as the best validation epoch.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * @param bestEpoch 0 for families without epochs
   * @param epochs epochs run, 0 for families without epochs
   * @param stoppedBy why the sink stopped the fit early (e.g. {@code epoch 3: asha: ...}), null when it ran its course
   */
  public record Validated(Model model, Evaluation evaluation, int bestEpoch, double fitSeconds, int epochs, String stoppedBy) {}

  public static Validated validate(Model model, Dataset data, Split split, TrainingPlan plan, EpochSink sink) {
    var exclusions = plan.filters().build(split.train(), data.side());
    Evaluator evaluator = new Evaluator(split.truth(), exclusions, data.numItems(), plan.metric().k(), plan.depth());
    EarlyStopping listener = new EarlyStopping(model, evaluator, plan, sink);
    long start = System.nanoTime();
    model.fit(new TrainContext(split.train(), data.side(), plan.seed(), plan.maxEpochs(), plan.maxEpochs(), listener));
    double seconds = (System.nanoTime() - start) / 1e9;
    // Iterative families end in their best epoch's state; closed-form ones are evaluated once here.
    Evaluation evaluation = listener.best != null ? listener.best : evaluator.evaluate(model);
    return new Validated(model, evaluation, listener.bestEpoch, seconds, listener.epochs, listener.stoppedBy);
  }

  /** Fits a fresh model on all interactions and ranks items for every user (the submission's lists). */
  public static RankedLists refitAndRank(Supplier<Model> fresh, Dataset data, TrainingPlan plan, int bestEpoch) {
    Model model = fresh.get();
    int cap = bestEpoch > 0 ? bestEpoch : plan.maxEpochs();
    model.fit(new TrainContext(data.interactions(), data.side(), plan.seed(), cap, plan.maxEpochs(), EpochListener.NONE));
    return rankAll(model, data, plan);
  }

  /** Ranks items for every user of the dataset, excluding what the plan's filters exclude on all data. */
  public static RankedLists rankAll(Model model, Dataset data, TrainingPlan plan) {
    var exclusions = plan.filters().build(data.interactions(), data.side());
    int[] users = IntStream.range(0, data.numUsers()).toArray();
    return Evaluator.rank(model, users, exclusions, data.numUsers(), data.numItems(), plan.depth());
  }

  /** Evaluates each epoch, remembers the best by the plan's metric, stops after {@code patience} epochs without gain. */
  private static final class EarlyStopping implements EpochListener {
    private final Model model;
    private final Evaluator evaluator;
    private final TrainingPlan plan;
    private final EpochSink sink;
    private Evaluation best;
    private int bestEpoch;
    private int epochs;
    private String stoppedBy;
    private long epochStart = System.nanoTime();

    EarlyStopping(Model model, Evaluator evaluator, TrainingPlan plan, EpochSink sink) {
      this.model = model;
      this.evaluator = evaluator;
      this.plan = plan;
      this.sink = sink;
    }

    @Override
    public Outcome onEpoch(int epoch, double loss) {
      double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
      Evaluation e = evaluator.evaluate(model);
      String stop = sink.epoch(epoch, loss, e, trainSeconds);
      epochs = epoch;
      boolean improved = best == null || e.get(plan.metric().metric()) > best.get(plan.metric().metric());
      if (improved) {
        best = e;
        bestEpoch = epoch;
      }
      if (stop != null) stoppedBy = "epoch " + epoch + ": " + stop;
      boolean patienceSpent = plan.patience() > 0 && epoch - bestEpoch >= plan.patience();
      epochStart = System.nanoTime();
      return new Outcome(improved, stop != null || patienceSpent);
    }
  }
}
