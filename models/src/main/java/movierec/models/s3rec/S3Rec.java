package movierec.models.s3rec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.data.ItemAttribute;
import movierec.core.model.TrainContext;
import movierec.models.seq.Batch;
import movierec.models.seq.Net;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceModel;
import movierec.models.seq.Transformer;

/**
 * S3-Rec: K. Zhou, H. Wang, W. X. Zhao, Y. Zhu, S. Wang, F. Zhang, Z. Wang, J.-R. Wen, "S3-Rec:
 * Self-Supervised Learning for Sequential Recommendation with Mutual Information Maximization", CIKM 2020.
 * A SASRec encoder first pre-trained without the causal mask on self-supervised objectives over the
 * windows of the user's history with random items masked, then fine-tuned on next-item prediction with it:
 *
 * <ul>
 *   <li>MIP, masked item prediction: the masked items, by the softmax of the fine-tuning loss (the paper
 *       scores one sampled negative through a separate projection; {@code loss=bce} comes closer);
 *   <li>AAP, associated attribute prediction: each unmasked item's genres from its position's output,
 *       σ(aᵀ W h) per genre a;
 *   <li>MAP, masked attribute prediction: the masked items' genres, with their own W.
 * </ul>
 *
 * <p>Left out: SP, segment prediction (it encodes sampled sub-sequences as extra inputs). Attributes are
 * the genres only (the paper uses one attribute type per dataset); without genres pre-training is MIP
 * alone. The attribute heads are pre-training only, so model files do not carry them.
 */
public final class S3Rec extends SequenceModel {
  private final S3RecParams params;
  /** The fitted data's genres; null in a loaded model, which only scores. */
  private ItemAttribute genres;
  private boolean pretraining;
  /** The genre embeddings and the AAP and MAP projections; null without genres. */
  private NDArray genreTable;
  private NDArray aapWeights;
  private NDArray mapWeights;

  public S3Rec(S3RecParams params) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), "movierec.s3rec.v2");
    this.params = params;
  }

  @Override
  protected int extraTokens() {
    return 1;
  }

  /**
   * Builds the net, then runs the pre-training epochs (no more than the trial's epoch budget); the
   * epochs that the trainer validates fine-tune.
   */
  @Override
  protected void initialize(TrainContext ctx) {
    genres = ctx.side().genres().isEmpty() ? null : ctx.side().genres();
    super.initialize(ctx);
    pretraining = true;
    learningRate(params.pretrainLearningRate());
    for (int epoch = 1; epoch <= ctx.unvalidatedEpochs(params.pretrainEpochs()); epoch++) trainEpoch(epoch);
    pretraining = false;
    learningRate(params.learningRate());
  }

  @Override
  protected Encoder encoder(Net net) {
    int d = params.hidden();
    Transformer transformer = new Transformer(net, d, params.blocks(), params.heads(), d);
    if (genres != null) {
      genreTable = net.auxiliary(new Shape(genres.numValues(), d), 1 / Math.sqrt(d));
      aapWeights = net.auxiliary(new Shape(d, d), 1 / Math.sqrt(d));
      mapWeights = net.auxiliary(new Shape(d, d), 1 / Math.sqrt(d));
    }
    // Pre-training lifts the causal mask.
    return (x, valid) -> transformer.encode(x, valid, !pretraining);
  }

  /**
   * In pre-training with genres: AAP over the unmasked items' positions plus MAP over the masked ones, each
   * averaged over its positions and weighted; null otherwise.
   */
  @Override
  protected NDArray auxiliaryLoss(Net net, Batch b, NDArray hidden) {
    if (!pretraining || genres == null) return null;
    int positions = b.size() * b.len();
    int width = genres.numValues();
    float[] targets = new float[positions * width];
    float[] aap = new float[positions];
    float[] map = new float[positions];
    int masked = 0;
    int unmasked = 0;
    for (int p = 0; p < positions; p++) {
      if (b.tokens()[p] == maskToken()) masked++;
      else if (b.tokens()[p] < b.pad()) unmasked++;
    }
    for (int p = 0; p < positions; p++) {
      boolean isMasked = b.tokens()[p] == maskToken();
      int item = isMasked ? b.targets()[p] : b.tokens()[p];
      if (item >= b.pad()) continue;
      for (int v : genres.of(item)) targets[p * width + v] = 1f;
      if (isMasked) map[p] = (float) (params.mapWeight() / masked);
      else aap[p] = (float) (params.aapWeight() / unmasked);
    }
    NDManager m = net.manager();
    NDArray h = hidden.reshape(positions, params.hidden());
    NDArray y = m.create(targets, new Shape(positions, width));
    return attributeLoss(h, aapWeights, y, m.create(aap)).add(attributeLoss(h, mapWeights, y, m.create(map)));
  }

  /** Σ over positions of weight × Σ over genres of the binary cross-entropy of σ(aᵀ W h). */
  private NDArray attributeLoss(NDArray hidden, NDArray weights, NDArray targets, NDArray positionWeights) {
    NDArray logits = hidden.matMul(weights).matMul(genreTable.transpose());
    // softplus(z) − y·z is −y·log σ(z) − (1 − y)·log(1 − σ(z)) without overflow.
    NDArray bce = logits.getNDArrayInternal().softPlus().sub(targets.mul(logits)).sum(new int[] {1});
    return bce.mul(positionWeights).sum();
  }

  @Override
  protected void trainingExample(Interactions x, int user, int end, Batch b, int row, SplittableRandom random) {
    if (!pretraining) {
      super.trainingExample(x, user, end, b, row, random);
      return;
    }
    b.window(b.tokens(), row, x, user, end);
    b.cloze(row, params.maskProbability(), maskToken(), random);
  }
}
