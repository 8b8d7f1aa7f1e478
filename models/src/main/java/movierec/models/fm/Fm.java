package movierec.models.fm;

import java.util.SplittableRandom;
import movierec.core.model.TrainContext;
import movierec.models.features.FmPart;
import movierec.models.features.ItemFeatures;
import movierec.models.features.BatchScorer;
import movierec.models.features.PairBatch;
import movierec.models.features.PairLoss;
import movierec.models.features.PairwiseSgd;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;

/**
 * FM: S. Rendle, "Factorization Machines", ICDM 2010. A factorization machine over the user id and the
 * item's id, genres, directors, writers and release decade ({@link ItemFeatures}), so items share what
 * they have in common and rare items borrow from their side information. Trained for top-N ranking by
 * mini-batch AdaGrad on sampled unwatched items ({@link PairwiseSgd}).
 *
 * <p>After each epoch the item sides are summed once ({@link FmPart#scoringFactors}): scoring and the
 * model file are then those of a matrix factorization of width factors + 1.
 */
public final class Fm extends FactorModel {
  private static final String FORMAT = "movierec.fm.v1";
  /** Initial embedding scale: breaks symmetry, small next to the learned values. */
  private static final double INIT_STD = 0.01;

  private final FmParams params;
  private FmPart fm;
  private PairwiseSgd sgd;

  public Fm(FmParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected int width() {
    return params.factors() + 1;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    ItemFeatures features = ItemFeatures.of(ctx.train().numUsers(), ctx.train().numItems(), ctx.side());
    fm = FmPart.gaussian(features, params.factors(), INIT_STD, rng.split());
    sgd = new PairwiseSgd(ctx.train(), PairLoss.of(params.loss()), params.negatives(), params.batchSize(), rng.split());
  }

  @Override
  protected double trainEpoch(int epoch) {
    double loss = sgd.epoch(pairs(), (float) params.learningRate(), (float) params.regularization());
    factors = fm.scoringFactors();
    return loss;
  }

  /** The batch scores and their step, for the training loop and the gradient check. */
  BatchScorer pairs() {
    return new BatchScorer() {
      @Override
      public void forward(PairBatch batch, float[] scores) {
        fm.forward(batch, scores);
      }

      @Override
      public void step(PairBatch batch, float[] coef, float lr, float reg) {
        fm.addGradient(batch, coef);
        fm.table().apply(lr, reg);
      }
    };
  }

  /** The live parameter table, for the gradient check. */
  float[] parameters() {
    return fm.table().values();
  }

  @Override
  protected Factors snapshot() {
    // Each epoch builds new scoring factors and never changes them afterwards.
    return factors;
  }
}
