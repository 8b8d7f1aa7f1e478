package movierec.core.model;

/**
 * Template for families trained epoch by epoch: runs epochs, reports each to the listener, keeps a
 * snapshot of the best epoch's state and restores it at the end (early stopping keeps the best
 * weights, not the last).
 *
 * @param <S> the snapshot type (e.g. copies of the factor matrices)
 */
public abstract class IterativeModel<S> implements Model {

  /** Epochs the params ask for; the context may cap them. */
  protected abstract int requestedEpochs();

  /** Prepares state for fitting on the context's data. */
  protected abstract void initialize(TrainContext ctx);

  /** Runs one epoch (1-based) and returns its training loss, or NaN. */
  protected abstract double trainEpoch(int epoch);

  protected abstract S snapshot();

  protected abstract void restore(S snapshot);

  @Override
  public final void fit(TrainContext ctx) {
    initialize(ctx);
    int epochs = ctx.epochs(requestedEpochs());
    S best = null;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double loss = trainEpoch(epoch);
      EpochListener.Outcome outcome = ctx.listener().onEpoch(epoch, loss);
      if (outcome.best()) best = epoch == epochs && !outcome.stop() ? null : snapshot();
      if (outcome.stop()) break;
    }
    // A null snapshot after the loop means the last epoch was the best: the live state is already it.
    if (best != null) restore(best);
  }
}
