package movierec.models.seq;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a SameDiff graph over sequences of length {@code len}: trainable variables initialised from the
 * model's own generator (so a seed fixes them without ND4J's global RNG), dense layers, layer norm and
 * dropout. Activations are [B·L, width] matrices, one row per position: SameDiff's layer norm and
 * broadcasting backward passes are 2–3× slower on [B, L, width] tensors.
 *
 * <p>Dropout multiplies by a mask placeholder that the training loop fills from its generator and
 * scoring fills with ones: SameDiff's dropout op is random in inference too and draws from the global
 * RNG.
 */
public final class Graph {
  private final SameDiff sd = SameDiff.create();
  private final SplittableRandom rng;
  private final int len;
  private final double dropout;
  private final List<SDVariable> dropoutMasks = new ArrayList<>();
  private final List<Integer> dropoutWidths = new ArrayList<>();
  private final List<SDVariable> kept = new ArrayList<>();
  private int counter;

  Graph(SplittableRandom rng, int len, double dropout) {
    this.rng = rng;
    this.len = len;
    this.dropout = dropout;
  }

  public SameDiff sd() {
    return sd;
  }

  /** Sequence length L: activation row r is position r mod L of window r / L. */
  public int len() {
    return len;
  }

  /** A trainable matrix with entries from N(0, std²). */
  public SDVariable normal(String name, int rows, int cols, double std) {
    return keep(auxiliary(name, rows, cols, std));
  }

  /**
   * A trainable matrix like {@link #normal} that scoring does not read (S3Rec's pre-training heads):
   * left out of best-epoch snapshots and model files, so a loaded model needs no side information.
   */
  public SDVariable auxiliary(String name, int rows, int cols, double std) {
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) values[i] = (float) (std * rng.nextGaussian());
    return sd.var(unique(name), Nd4j.create(values, new long[] {rows, cols}, 'c'));
  }

  /** A trainable vector with the given initial values. */
  public SDVariable vector(String name, float[] values) {
    return keep(sd.var(unique(name), Nd4j.createFromArray(values)));
  }

  /** A trainable vector filled with {@code value} (biases, layer-norm gains). */
  public SDVariable constantVector(String name, int n, float value) {
    return keep(sd.var(unique(name), Nd4j.valueArrayOf(new long[] {n}, value, DataType.FLOAT)));
  }

  /** x [B·L, in] times a Glorot-initialised [in, out] matrix plus a bias: [B·L, out]. */
  public SDVariable dense(String name, SDVariable x, int in, int out) {
    SDVariable w = normal(name + "_w", in, out, Math.sqrt(2.0 / (in + out)));
    return x.mmul(w).add(constantVector(name + "_b", out, 0f));
  }

  /** Layer normalisation of each row of x [B·L, width]. */
  public SDVariable layerNorm(String name, SDVariable x, int width) {
    return sd.nn.layerNorm(x, constantVector(name + "_gain", width, 1f), constantVector(name + "_bias", width, 0f), false, 1);
  }

  /** Inverted dropout on x [B·L, width]; the identity when the rate is 0. */
  public SDVariable dropout(SDVariable x, int width) {
    if (dropout == 0) return x;
    SDVariable mask = sd.placeHolder("dropout_" + dropoutMasks.size(), DataType.FLOAT, -1, width);
    dropoutMasks.add(mask);
    dropoutWidths.add(width);
    return x.mul(mask);
  }

  /** Trainable variables that scoring reads, in creation order (the order of snapshots and model files). */
  List<SDVariable> kept() {
    return kept;
  }

  /** Mask placeholders in creation order. */
  List<SDVariable> dropoutMasks() {
    return dropoutMasks;
  }

  /** Fresh masks for a batch: entries 0 with the dropout rate, else 1 / (1 − rate). */
  INDArray[] sampleMasks(int batch, SplittableRandom random) {
    INDArray[] masks = new INDArray[dropoutMasks.size()];
    float keep = (float) (1 / (1 - dropout));
    for (int m = 0; m < masks.length; m++) {
      float[] v = new float[batch * len * dropoutWidths.get(m)];
      for (int i = 0; i < v.length; i++) v[i] = random.nextDouble() < dropout ? 0f : keep;
      masks[m] = Nd4j.create(v, new long[] {batch * len, dropoutWidths.get(m)}, 'c');
    }
    return masks;
  }

  /** All-ones masks: dropout off, for scoring. */
  INDArray[] identityMasks(int batch) {
    INDArray[] masks = new INDArray[dropoutMasks.size()];
    for (int m = 0; m < masks.length; m++) masks[m] = Nd4j.ones(DataType.FLOAT, batch * len, dropoutWidths.get(m));
    return masks;
  }

  private SDVariable keep(SDVariable v) {
    kept.add(v);
    return v;
  }

  private String unique(String name) {
    return name + "_" + counter++;
  }
}
