package movierec.models.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-attention encoder as in SASRec's reference implementation: item embeddings scaled by √d plus learned
 * position embeddings, then pre-layer-norm blocks of multi-head scaled dot-product attention whose residual
 * adds the normalised queries, a point-wise feed-forward network with its own residual, padding zeroed after
 * each block, and a final layer norm. BERT4Rec uses it without the causal mask, S3Rec with it in fine-tuning
 * only.
 */
public final class Transformer {
  /** Added to attention logits of forbidden keys: exp underflows to exactly 0. */
  private static final float FORBIDDEN = -1e9f;

  private final Net net;
  private final int d;
  private final int heads;
  private final NDArray positions;
  /** √d, applied to the item embeddings. */
  private final NDArray embeddingScale;
  /** 1 / √(d / heads), applied to the attention logits. */
  private final NDArray attentionScale;
  private final List<Block> blocks = new ArrayList<>();
  private final Net.Norm finalNorm;
  /** Additive [L, L] bias (query row, key column): position p attends only to positions ≤ p. */
  private final NDArray causal;

  /**
   * @param d embedding and block width
   * @param innerWidth width of the feed-forward network's hidden layer
   */
  public Transformer(Net net, int d, int blockCount, int heads, int innerWidth) {
    this.net = net;
    this.d = d;
    this.heads = heads;
    int len = net.len();
    positions = net.normal(new Shape(len, d), 1 / Math.sqrt(d));
    embeddingScale = net.scalar(Math.sqrt(d));
    attentionScale = net.scalar(1 / Math.sqrt(d / heads));
    for (int b = 0; b < blockCount; b++) blocks.add(new Block(net.layerNorm(d), net.dense(d, d), net.dense(d, d), net.dense(d, d), net.layerNorm(d),
        net.dense(d, innerWidth), net.dense(innerWidth, d)));
    finalNorm = net.layerNorm(d);
    float[] tri = new float[len * len];
    for (int q = 0; q < len; q++) {
      for (int k = q + 1; k < len; k++) tri[q * len + k] = FORBIDDEN;
    }
    causal = net.manager().create(tri, new Shape(len, len));
  }

  /**
   * Encodes the embedded tokens x [B, L, d], valid [B, L, 1] (0 at padding, which no position may attend to),
   * left to right when {@code causal}, else every position attending to every other; [B, L, d].
   */
  public NDArray encode(NDArray x, NDArray valid, boolean causal) {
    long batch = x.getShape().get(0);
    int len = net.len();
    NDArray h = net.dropout(x.mul(embeddingScale).add(positions)).mul(valid);
    NDArray bias = valid.reshape(batch, 1, 1, len).neg().add(1).mul(FORBIDDEN);
    if (causal) bias = bias.add(this.causal);
    for (Block b : blocks) h = apply(b, h, bias, valid);
    return finalNorm.apply(h);
  }

  /** One block's layers. */
  private record Block(Net.Norm attnNorm, Net.Dense q, Net.Dense k, Net.Dense v, Net.Norm ffnNorm, Net.Dense ffnIn, Net.Dense ffnOut) {}

  private NDArray apply(Block b, NDArray x, NDArray bias, NDArray valid) {
    long batch = x.getShape().get(0);
    NDArray queries = b.attnNorm().apply(x);
    NDArray logits = split(b.q().apply(queries)).matMul(split(b.k().apply(x)).transpose(0, 1, 3, 2)).mul(attentionScale).add(bias);
    NDArray attended = logits.softmax(-1).matMul(split(b.v().apply(x))).transpose(0, 2, 1, 3).reshape(batch, net.len(), d);
    NDArray y = b.ffnNorm().apply(queries.add(net.dropout(attended)));
    NDArray inner = net.dropout(b.ffnIn().apply(y).getNDArrayInternal().relu());
    return y.add(net.dropout(b.ffnOut().apply(inner))).mul(valid);
  }

  /** [B, L, d] to [B, heads, L, d / heads]. */
  private NDArray split(NDArray x) {
    return x.reshape(x.getShape().get(0), net.len(), heads, d / heads).transpose(0, 2, 1, 3);
  }
}
