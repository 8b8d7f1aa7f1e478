package movierec.models.seq;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Self-attention encoder blocks as in SASRec's reference implementation: pre-layer-norm, multi-head
 * scaled dot-product attention whose residual adds the normalised queries, a point-wise feed-forward
 * network with its own residual, padding zeroed after each block, and a final layer norm. BERT4Rec uses
 * the same blocks without the causal mask, S3Rec with it in fine-tuning only.
 */
public final class SameDiffTransformer {
  /** Added to attention logits of forbidden keys: exp underflows to exactly 0. */
  private static final double FORBIDDEN = -1e9;

  private SameDiffTransformer() {}

  /**
   * Item embeddings x [B·L, d] scaled by √d (as the SASRec paper does) plus learned position
   * embeddings, with dropout, zero at padding: the input of {@link #encode}.
   */
  public static SDVariable positional(Graph g, SDVariable x, SDVariable valid, int d) {
    int len = g.len();
    SDVariable positions = g.normal("position_embedding", len, d, 1 / Math.sqrt(d));
    return g.dropout(x.mul(Math.sqrt(d)).reshape(-1, len, d).add(positions).reshape(-1, d), d).mul(valid);
  }

  /**
   * Encodes x [B·L, d] (already embedded, position-encoded and masked) through {@code blocks} blocks.
   *
   * @param valid [B·L, 1], 0 at padding, which no position may attend to
   * @param order additive [L, L] bias on the attention logits (query row, key column), e.g.
   *     {@link #causal}; null lets every position attend to every other (bidirectional models)
   * @param innerWidth width of the feed-forward network's hidden layer
   */
  public static SDVariable encode(Graph g, SDVariable x, SDVariable valid, SDVariable order, int d, int blocks, int heads, int innerWidth) {
    // Key padding as an additive bias [B, 1, 1, L], plus the order's [L, L].
    SDVariable bias = valid.rsub(1.0).mul(FORBIDDEN).reshape(-1, 1, 1, g.len());
    if (order != null) bias = bias.add(order);
    for (int b = 0; b < blocks; b++) {
      SDVariable q = g.layerNorm("attn_norm" + b, x, d);
      x = q.add(g.dropout(attention(g, "attn" + b, q, x, bias, d, heads), d));
      SDVariable y = g.layerNorm("ffn_norm" + b, x, d);
      SDVariable inner = g.dropout(g.sd().nn.relu(g.dense("ffn_in" + b, y, d, innerWidth), 0), innerWidth);
      x = y.add(g.dropout(g.dense("ffn_out" + b, inner, innerWidth, d), d)).mul(valid);
    }
    return g.layerNorm("final_norm", x, d);
  }

  /** The left-to-right order: position p attends only to positions ≤ p. */
  public static SDVariable causal(Graph g) {
    int len = g.len();
    float[] tri = new float[len * len];
    for (int q = 0; q < len; q++) {
      for (int k = q + 1; k < len; k++) tri[q * len + k] = (float) FORBIDDEN;
    }
    return g.sd().constant(Nd4j.create(tri, new long[] {len, len}, 'c'));
  }

  /** Multi-head attention of queries over keys (which are also the values); [B·L, d]. */
  private static SDVariable attention(Graph g, String name, SDVariable queries, SDVariable keys, SDVariable bias, int d, int heads) {
    int len = g.len();
    int dh = d / heads;
    SDVariable q = splitHeads(g.dense(name + "_q", queries, d, d), len, heads, dh);
    SDVariable k = splitHeads(g.dense(name + "_k", keys, d, d), len, heads, dh);
    SDVariable v = splitHeads(g.dense(name + "_v", keys, d, d), len, heads, dh);
    SDVariable logits = g.sd().mmul(q, k, false, true, false).mul(1 / Math.sqrt(dh)).add(bias);
    SDVariable out = g.sd().mmul(g.sd().nn.softmax(logits), v);
    return out.permute(0, 2, 1, 3).reshape(-1, d);
  }

  /** [B·L, d] to [B, heads, L, d / heads]. */
  private static SDVariable splitHeads(SDVariable x, int len, int heads, int dh) {
    return x.reshape(-1, len, heads, dh).permute(0, 2, 1, 3);
  }
}
