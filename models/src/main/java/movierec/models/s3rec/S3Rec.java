package movierec.models.s3rec;

import java.util.Map;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.data.ItemAttribute;
import movierec.core.model.TrainContext;
import movierec.models.seq.Batch;
import movierec.models.seq.Graph;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SameDiffSequenceModel;
import movierec.models.seq.SameDiffTransformer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
public final class S3Rec extends SameDiffSequenceModel {
  private static final String CAUSAL = "causal";
  private static final String GENRES = "genre_targets";
  private static final String AAP = "aap_weights";
  private static final String MAP = "map_weights";

  private final S3RecParams params;
  /** The fitted data's genres; null in a loaded model, which only scores. */
  private ItemAttribute genres;
  private boolean pretraining;

  public S3Rec(S3RecParams params) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), "movierec.s3rec.v1");
    this.params = params;
  }

  @Override
  protected int extraTokens() {
    return 1;
  }

  /**
   * Builds the graph, then runs the pre-training epochs (no more than the trial's epoch budget); the
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
  protected SDVariable encode(Graph g, SDVariable x, SDVariable valid) {
    int d = params.hidden();
    // 1 keeps the causal mask, 0 (in pre-training) lifts it.
    SDVariable order = SameDiffTransformer.causal(g).mul(g.sd().placeHolder(CAUSAL, DataType.FLOAT));
    return SameDiffTransformer.encode(g, SameDiffTransformer.positional(g, x, valid, d), valid, order, d, params.blocks(), params.heads(), d);
  }

  @Override
  protected SDVariable auxiliaryLoss(Graph g, SDVariable hidden) {
    if (genres == null) return null;
    int d = params.hidden();
    SDVariable table = g.auxiliary("genre_embedding", genres.numValues(), d, 1 / Math.sqrt(d));
    SDVariable targets = g.sd().placeHolder(GENRES, DataType.FLOAT, -1, genres.numValues());
    return attributeLoss(g, "aap", hidden, table, targets, AAP).add(attributeLoss(g, "map", hidden, table, targets, MAP));
  }

  /** Σ over positions of weight × Σ over genres of the binary cross-entropy of σ(aᵀ W h). */
  private SDVariable attributeLoss(Graph g, String name, SDVariable hidden, SDVariable table, SDVariable targets, String weights) {
    int d = params.hidden();
    SDVariable logits = g.sd().mmul(hidden.mmul(g.auxiliary(name + "_w", d, d, 1 / Math.sqrt(d))), table, false, true, false);
    // softplus(z) − y·z is −y·log σ(z) − (1 − y)·log(1 − σ(z)) without overflow.
    SDVariable bce = g.sd().nn.softplus(logits).sub(targets.mul(logits)).sum(1);
    return bce.mul(g.sd().placeHolder(weights, DataType.FLOAT, -1)).sum();
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

  /** The causal switch; in training also each position's genres and the AAP and MAP weights (0 in fine-tuning). */
  @Override
  protected void familyInputs(Batch b, boolean training, Map<String, INDArray> inputs) {
    boolean selfSupervised = training && pretraining;
    inputs.put(CAUSAL, Nd4j.scalar(selfSupervised ? 0f : 1f));
    if (!training || genres == null) return;
    int positions = b.size() * b.len();
    int width = genres.numValues();
    float[] targets = new float[positions * width];
    float[] aap = new float[positions];
    float[] map = new float[positions];
    if (selfSupervised) {
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
    }
    inputs.put(GENRES, Nd4j.create(targets, new long[] {positions, width}, 'c'));
    inputs.put(AAP, Nd4j.createFromArray(aap));
    inputs.put(MAP, Nd4j.createFromArray(map));
  }
}
