package movierec.models.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sequential model's parameters in libtorch memory and the layers built on them. Parameters are initialised
 * from the model's own generator (a seed fixes them without libtorch's global one); activations are
 * [B, L, width] tensors over windows of length {@link #len()}.
 *
 * <p>The parameters' memory is native: it is freed when the net becomes unreachable (the model has no close
 * call), and per-batch arrays are freed by the {@code NDScope} of each step.
 */
public final class Net {
  private static final Cleaner CLEANER = Cleaner.create();

  private final NDManager manager = Torch.newManager();
  private final SplittableRandom init;
  private final int len;
  private final float dropout;
  private final List<NDArray> kept = new ArrayList<>();
  private final List<NDArray> trained = new ArrayList<>();
  /** Draws the dropout masks of the training step that runs; null outside training. */
  private SplittableRandom dropoutRandom;
  /** Dropout masks are written here, then copied into libtorch (a direct buffer per mask would wait for GC). */
  private ByteBuffer maskStaging;
  private float[] maskValues;

  Net(SplittableRandom init, int len, double dropout) {
    this.init = init;
    this.len = len;
    this.dropout = (float) dropout;
    CLEANER.register(this, manager::close);
  }

  /** Sequence length L. */
  public int len() {
    return len;
  }

  /** Where batch arrays are created (each step's scope frees them). */
  public NDManager manager() {
    return manager;
  }

  /** True while a training step runs: dropout is on. */
  public boolean training() {
    return dropoutRandom != null;
  }

  /** Starts a training step whose dropout masks come from {@code dropoutRandom}; null ends it. */
  void training(SplittableRandom dropoutRandom) {
    this.dropoutRandom = dropoutRandom;
  }

  /** A trainable tensor with entries from N(0, std²). */
  public NDArray normal(Shape shape, double std) {
    return keep(auxiliary(shape, std));
  }

  /**
   * A trainable tensor like {@link #normal} that scoring does not read (S3Rec's pre-training heads): left out
   * of best-epoch snapshots and model files, so a loaded model needs no side information.
   */
  public NDArray auxiliary(Shape shape, double std) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) values[i] = (float) (std * init.nextGaussian());
    return train(manager.create(values, shape));
  }

  /** A trainable vector with the given initial values. */
  public NDArray vector(float[] values) {
    return keep(train(manager.create(values)));
  }

  /** A trainable vector filled with {@code value} (biases, layer-norm gains). */
  public NDArray constantVector(int n, float value) {
    return keep(train(manager.full(new Shape(n), value)));
  }

  /**
   * A constant factor for products inside the graph: held by the net, or by the step's scope when created in
   * one. DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in a tensor over a direct buffer and
   * close it at once, while autograd keeps that tensor for the backward pass: once GC frees the buffer,
   * backward reads freed memory, and training depends on GC timing.
   */
  public NDArray scalar(double value) {
    return manager.create((float) value);
  }

  /** A Glorot-initialised linear layer from {@code in} to {@code out} features, with a bias. */
  public Dense dense(int in, int out) {
    return new Dense(normal(new Shape(out, in), Math.sqrt(2.0 / (in + out))), constantVector(out, 0f));
  }

  /** Layer normalisation over the last dimension, of width {@code width}. */
  public Norm layerNorm(int width) {
    return new Norm(constantVector(width, 1f), constantVector(width, 0f));
  }

  /** Inverted dropout in training, its mask from the step's generator; else the identity. */
  public NDArray dropout(NDArray x) {
    if (dropoutRandom == null || dropout == 0) return x;
    int n = Math.toIntExact(x.size());
    if (maskStaging == null || maskStaging.capacity() < 4 * n) {
      maskStaging = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
      maskValues = new float[n];
    }
    fillDropoutMask(maskValues, n);
    ByteBuffer staged = maskStaging.clear().limit(4 * n).slice().order(ByteOrder.nativeOrder());
    staged.asFloatBuffer().put(maskValues, 0, n);
    // The blob tensor reads the staging buffer, which the next mask overwrites: the product keeps a copy.
    try (NDArray blob = manager.create(staged, x.getShape(), DataType.FLOAT32)) {
      return x.mul(blob.duplicate());
    }
  }

  /**
   * The first n entries of {@code mask}: each 0 with probability p (quantised to 1/65536), else 1 / (1 − p).
   * Drawn here, four 16-bit lanes per random long, because libtorch's {@code bernoulli_} on AMD processors draws
   * entry by entry from its global generator (its MKL path is Intel-only): 13 ms for [64, 50, 256] on one core,
   * 16% of a BERT4Rec epoch.
   */
  private void fillDropoutMask(float[] mask, int n) {
    int threshold = (int) Math.round(dropout * 65536);
    float kept = 1 / (1 - dropout);
    for (int i = 0; i < n; i += 4) {
      long bits = dropoutRandom.nextLong();
      for (int lane = 0; lane < 4 && i + lane < n; lane++, bits >>>= 16) mask[i + lane] = (bits & 0xFFFF) >= threshold ? kept : 0f;
    }
  }

  /** Parameters that scoring reads, in creation order (the order of snapshots and model files). */
  List<NDArray> kept() {
    return kept;
  }

  /** Every parameter Adam updates, in creation order. */
  List<NDArray> trained() {
    return trained;
  }

  private NDArray train(NDArray p) {
    p.setRequiresGradient(true);
    trained.add(p);
    return p;
  }

  private NDArray keep(NDArray p) {
    kept.add(p);
    return p;
  }

  /** x [..., in] times the weight [out, in] transposed, plus the bias: [..., out]. */
  public record Dense(NDArray weight, NDArray bias) {
    public NDArray apply(NDArray x) {
      return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
  }

  /** Layer normalisation with a gain and a bias (ε 1e-5, as torch.nn.LayerNorm). */
  public record Norm(NDArray gain, NDArray bias) {
    public NDArray apply(NDArray x) {
      return x.getNDArrayInternal().layerNorm(x, new Shape(gain.getShape().get(0)), gain, bias, 1e-5f).singletonOrThrow();
    }
  }
}
