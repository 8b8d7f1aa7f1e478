package movierec.models.bert4rec;

import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.models.seq.Batch;
import movierec.models.seq.Net;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceModel;
import movierec.models.seq.Transformer;

/**
 * BERT4Rec: F. Sun, J. Liu, J. Wu, C. Pei, X. Lin, W. Ou, P. Jiang, "BERT4Rec: Sequential Recommendation
 * with Bidirectional Encoder Representations from Transformer", CIKM 2019. Bidirectional self-attention
 * blocks trained on the cloze task: random items of each window of a user's history are replaced by a mask
 * token and predicted by a softmax over all items (output embeddings shared with the input). The paper scores
 * a user by appending the mask token after their latest item ({@code pooling: last}); by default the outputs at
 * every item of the window, masked in turn, are averaged with that one ({@code mean}). As the paper's own training
 * data adds samples whose last item alone is masked (to match its scoring), every window's latest item is masked
 * too ({@code mask_latest}).
 *
 * <p>The paper's output layer has a GELU projection and an item bias before the shared embeddings; here
 * the encoder's output meets the embeddings directly, as in SASRec.
 */
public final class Bert4Rec extends SequenceModel {
  private final Bert4RecParams params;

  public Bert4Rec(Bert4RecParams params) {
    super(params, Objective.SOFTMAX, Pooling.parse(params.pooling(), "pooling"), "movierec.bert4rec.v2");
    this.params = params;
  }

  @Override
  protected int extraTokens() {
    return 1;
  }

  @Override
  protected Encoder encoder(Net net) {
    int d = params.hidden();
    // The paper's feed-forward layer is 4× wider than the blocks.
    Transformer transformer = new Transformer(net, d, params.blocks(), params.heads(), 4 * d);
    return (x, valid) -> transformer.encode(x, valid, false);
  }

  @Override
  protected void trainingExample(Interactions x, int user, int end, Batch b, int row, SplittableRandom random) {
    b.window(b.tokens(), row, x, user, end);
    b.cloze(row, params.maskProbability(), maskToken(), random);
    if (params.maskLatest()) b.maskLatest(row, maskToken());
  }

  /** Mean pooling's passes: the next-item query, then one per stride of masks, so each item is masked once. */
  @Override
  protected int queryPasses() {
    return pooling() == Pooling.MEAN ? 1 + maskStride() : 1;
  }

  /** Every maskStride-th item masked: the training mask density. */
  private int maskStride() {
    return (int) Math.round(1 / params.maskProbability());
  }

  @Override
  protected boolean predicts(int token) {
    return token == maskToken();
  }

  /** Pass 0 appends the mask after the latest item (the next item); pass p masks items p − 1, p − 1 + stride, … of the window. */
  @Override
  protected void queryExample(Interactions x, int user, Batch b, int row, int pass) {
    super.queryExample(x, user, b, row, pass);
    if (pass == 0) {
      b.append(row, maskToken());
      return;
    }
    for (int p = row * b.len() + pass - 1; p < (row + 1) * b.len(); p += maskStride()) {
      if (b.tokens()[p] != b.pad()) b.tokens()[p] = maskToken();
    }
  }
}
