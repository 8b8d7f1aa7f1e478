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
 * token and predicted by a softmax over all items (output embeddings shared with the input). A user is
 * scored by appending the mask token after their latest item. As the paper's own training data adds samples
 * whose last item alone is masked (to match that scoring), every window's latest item is masked too
 * ({@code mask_latest}).
 *
 * <p>The paper's output layer has a GELU projection and an item bias before the shared embeddings; here
 * the encoder's output meets the embeddings directly, as in SASRec.
 */
public final class Bert4Rec extends SequenceModel {
  private final Bert4RecParams params;

  public Bert4Rec(Bert4RecParams params) {
    super(params, Objective.SOFTMAX, Pooling.LAST, "movierec.bert4rec.v2");
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

  @Override
  protected void queryExample(Interactions x, int user, Batch b, int row) {
    super.queryExample(x, user, b, row);
    b.append(row, maskToken());
  }
}
