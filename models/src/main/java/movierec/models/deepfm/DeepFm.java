package movierec.models.deepfm;

import static movierec.models.features.ItemFeatures.FIELDS;
import static movierec.models.features.ItemFeatures.USER;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.model.IterativeModel;
import movierec.core.model.TrainContext;
import movierec.models.features.Adagrad;
import movierec.models.features.FmPart;
import movierec.models.features.ItemFeatures;
import movierec.models.features.PairLoss;
import movierec.models.features.PairScorer;
import movierec.models.features.PairwiseSgd;
import movierec.models.linalg.ArrayIO;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;
import org.bytedeco.javacpp.FloatPointer;

/**
 * DeepFM: H. Guo, R. Tang, Y. Ye, Z. Li, X. He, "DeepFM: A Factorization-Machine based Neural Network for
 * CTR Prediction", IJCAI 2017. The FM of {@link FmPart} plus an MLP (two ReLU layers, linear output) over
 * the concatenated field embeddings of the same table, e_F = Σ_{g ∈ F} x_g v_g for the user, item, genre,
 * director, writer and decade fields; s(u, i) = FM(u, i) + MLP(e). Hand-written backprop, AdaGrad, trained
 * for ranking by {@link PairwiseSgd}.
 *
 * <p>Full ranking needs the MLP on every (user, item) pair. Its first layer splits, W₁e + b₁ = W₁ᵤ e_user
 * + (Σ_{F ≠ user} W₁F e_F + b₁), so both parts are precomputed once per epoch (numUsers × h₁ and numItems ×
 * h₁); per pair only ReLU(a_u + b_i) and the later layers remain, and the second layer runs as one SGEMM
 * (OpenBLAS) per batch of users.
 */
public final class DeepFm extends IterativeModel<DeepFm.Scoring> {
  private static final String FORMAT = "movierec.deepfm.v1";
  /** Initial embedding scale: breaks symmetry, small next to the learned values. */
  private static final double INIT_STD = 0.01;
  /** Pairs per SGEMM when scoring: 2^16 rows × h₁ floats stay within a few MB of scratch. */
  private static final int GEMM_ROWS = 1 << 16;

  /**
   * What scoring needs, built after each epoch: the FM as factors, the first layer's user and item parts,
   * and the layers after it.
   */
  record Scoring(Factors fm, float[] userPart, float[] itemPart, float[] w2, float[] b2, float[] w3, float b3) {}

  private final DeepFmParams params;
  private FmPart fm;
  private PairwiseSgd sgd;
  private float[] grad;
  /** MLP parameters in one array: W₁ (h₁ × FIELDS·k), b₁, W₂ (h₂ × h₁), b₂, w₃ (h₂), b₃. */
  private float[] mlp;
  private float[] mlpGrad;
  private Adagrad mlpOptimizer;
  private int w1;
  private int b1;
  private int w2;
  private int b2;
  private int w3;
  private int b3;
  /** Per-pair scratch: input, pre-activations and activations, their gradients. */
  private float[] input;
  private float[] z1;
  private float[] z2;
  private float[] dInput;
  private float[] dz1;
  private float[] dz2;
  private Scoring scoring;

  public DeepFm(DeepFmParams params) {
    this.params = params;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    ItemFeatures features = ItemFeatures.of(ctx.train().numUsers(), ctx.train().numItems(), ctx.side());
    int k = params.factors();
    int in = FIELDS * k;
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    fm = FmPart.gaussian(features, k, INIT_STD, rng.split());
    grad = fm.table().newGradient();
    w1 = 0;
    b1 = w1 + h1 * in;
    w2 = b1 + h1;
    b2 = w2 + h2 * h1;
    w3 = b2 + h2;
    b3 = w3 + h2;
    mlp = new float[b3 + 1];
    // He initialisation for the ReLU layers, Xavier for the linear output; biases 0.
    SplittableRandom mlpRng = rng.split();
    System.arraycopy(Factors.gaussian(h1 * in, Math.sqrt(2.0 / in), mlpRng), 0, mlp, w1, h1 * in);
    System.arraycopy(Factors.gaussian(h2 * h1, Math.sqrt(2.0 / h1), mlpRng), 0, mlp, w2, h2 * h1);
    System.arraycopy(Factors.gaussian(h2, Math.sqrt(1.0 / h2), mlpRng), 0, mlp, w3, h2);
    mlpGrad = new float[mlp.length];
    mlpOptimizer = new Adagrad(mlp);
    input = new float[in];
    z1 = new float[h1];
    z2 = new float[h2];
    dInput = new float[in];
    dz1 = new float[h1];
    dz2 = new float[h2];
    sgd = new PairwiseSgd(ctx.train(), PairLoss.of(params.loss()), params.negatives(), rng.split());
  }

  @Override
  protected double trainEpoch(int epoch) {
    double loss = sgd.epoch(pairs(), (float) params.learningRate(), (float) params.regularization());
    scoring = buildScoring();
    return loss;
  }

  /** The pair score and its step, for the training loop and the gradient check. */
  PairScorer pairs() {
    return new PairScorer() {
      @Override
      public float score(int user, int item) {
        return fm.score(user, item) + deep(user, item);
      }

      @Override
      public void step(int user, int item, float coef, float lr, float reg) {
        deep(user, item);
        backward(user, item, coef);
        fm.addGradient(user, item, coef, grad);
        fm.table().apply(user, item, grad, lr, reg);
        mlpOptimizer.step(0, mlpGrad, 0, mlp.length, lr, reg);
      }
    };
  }

  /** Forward pass of the MLP for one pair; leaves input, z1 and z2 for {@link #backward}. */
  private float deep(int user, int item) {
    int k = params.factors();
    int in = FIELDS * k;
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    float[] v = fm.table().values();
    int rowWidth = fm.table().width();
    ItemFeatures fs = fm.table().features();
    Arrays.fill(input, 0f);
    System.arraycopy(v, user * rowWidth, input, USER * k, k);
    for (int e = fs.start(item); e < fs.end(item); e++) {
      int o = fs.feature(e) * rowWidth;
      int slot = fs.field(e) * k;
      float x = fs.weight(e);
      for (int d = 0; d < k; d++) input[slot + d] += x * v[o + d];
    }
    for (int j = 0; j < h1; j++) {
      float z = mlp[b1 + j];
      int row = w1 + j * in;
      for (int c = 0; c < in; c++) z += mlp[row + c] * input[c];
      z1[j] = z;
    }
    float out = mlp[b3];
    for (int j = 0; j < h2; j++) {
      float z = mlp[b2 + j];
      int row = w2 + j * h1;
      for (int c = 0; c < h1; c++) z += mlp[row + c] * Math.max(0f, z1[c]);
      z2[j] = z;
      out += mlp[w3 + j] * Math.max(0f, z);
    }
    return out;
  }

  /** Adds coef × the MLP's gradient to {@link #mlpGrad} and, through the input, to the embeddings' buffer. */
  private void backward(int user, int item, float coef) {
    int k = params.factors();
    int in = FIELDS * k;
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    mlpGrad[b3] += coef;
    for (int j = 0; j < h2; j++) {
      float a = Math.max(0f, z2[j]);
      mlpGrad[w3 + j] += coef * a;
      dz2[j] = z2[j] > 0 ? coef * mlp[w3 + j] : 0f;
    }
    Arrays.fill(dz1, 0f);
    for (int j = 0; j < h2; j++) {
      float g = dz2[j];
      if (g == 0f) continue;
      mlpGrad[b2 + j] += g;
      int row = w2 + j * h1;
      for (int c = 0; c < h1; c++) {
        mlpGrad[row + c] += g * Math.max(0f, z1[c]);
        dz1[c] += g * mlp[row + c];
      }
    }
    Arrays.fill(dInput, 0f);
    for (int j = 0; j < h1; j++) {
      if (z1[j] <= 0) continue;
      float g = dz1[j];
      mlpGrad[b1 + j] += g;
      int row = w1 + j * in;
      for (int c = 0; c < in; c++) {
        mlpGrad[row + c] += g * input[c];
        dInput[c] += g * mlp[row + c];
      }
    }
    // e_F = Σ x_g v_g: each feature gets x_g times its field's input gradient (row 0 is the user's).
    int rowWidth = fm.table().width();
    for (int d = 0; d < k; d++) grad[d] += dInput[USER * k + d];
    ItemFeatures fs = fm.table().features();
    for (int e = fs.start(item), r = 1; e < fs.end(item); e++, r++) {
      int slot = fs.field(e) * k;
      float x = fs.weight(e);
      for (int d = 0; d < k; d++) grad[r * rowWidth + d] += x * dInput[slot + d];
    }
  }

  /** The FM's factors, and the first layer split into its user part W₁ᵤ v_u and item part. */
  private Scoring buildScoring() {
    int k = params.factors();
    int in = FIELDS * k;
    int h1 = params.hidden1();
    float[] v = fm.table().values();
    int rowWidth = fm.table().width();
    ItemFeatures fs = fm.table().features();
    float[] userPart = new float[fs.numUsers() * h1];
    Parallel.forRange(fs.numUsers(), 64, (from, to) -> {
      for (int u = from; u < to; u++) {
        for (int j = 0; j < h1; j++) {
          float z = 0;
          int row = w1 + j * in + USER * k;
          for (int d = 0; d < k; d++) z += mlp[row + d] * v[u * rowWidth + d];
          userPart[u * h1 + j] = z;
        }
      }
    });
    float[] itemPart = new float[fs.numItems() * h1];
    Parallel.forRange(fs.numItems(), 64, (from, to) -> {
      float[] e = new float[in];
      for (int i = from; i < to; i++) {
        Arrays.fill(e, 0f);
        for (int entry = fs.start(i); entry < fs.end(i); entry++) {
          int o = fs.feature(entry) * rowWidth;
          int slot = fs.field(entry) * k;
          for (int d = 0; d < k; d++) e[slot + d] += fs.weight(entry) * v[o + d];
        }
        for (int j = 0; j < h1; j++) {
          float z = mlp[b1 + j];
          int row = w1 + j * in;
          // The user's slot of e is zero here: it is in the user part.
          for (int c = 0; c < in; c++) z += mlp[row + c] * e[c];
          itemPart[i * h1 + j] = z;
        }
      }
    });
    return new Scoring(fm.scoringFactors(), userPart, itemPart, Arrays.copyOfRange(mlp, w2, b2), Arrays.copyOfRange(mlp, b2, w3),
        Arrays.copyOfRange(mlp, w3, b3), mlp[b3]);
  }

  @Override
  public void score(int[] users, float[] out) {
    Scoring s = scoring;
    int n = s.itemPart().length / params.hidden1();
    s.fm().score(users, out);
    int chunk = Math.max(1, Math.min(users.length, GEMM_ROWS / n));
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    float[] hidden = new float[chunk * n * h1];
    float[] z = new float[chunk * n * h2];
    try (FloatPointer hp = new FloatPointer(hidden.length); FloatPointer wp = new FloatPointer(s.w2()); FloatPointer zp = new FloatPointer(z.length)) {
      for (int from = 0; from < users.length; from += chunk) {
        int count = Math.min(chunk, users.length - from);
        int first = from;
        int rows = count * n;
        Parallel.forRange(rows, 1024, (a, b) -> {
          for (int r = a; r < b; r++) {
            int uo = users[first + r / n] * h1;
            int io = (r % n) * h1;
            for (int c = 0; c < h1; c++) hidden[r * h1 + c] = Math.max(0f, s.userPart()[uo + c] + s.itemPart()[io + c]);
          }
        });
        hp.put(hidden, 0, rows * h1);
        // Z = H W₂ᵀ: rows × h₂.
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, h2, h1, 1f, hp, h1, wp, h1, 0f, zp, h2);
        zp.get(z, 0, rows * h2);
        Parallel.forRange(rows, 1024, (a, b) -> {
          for (int r = a; r < b; r++) {
            float acc = s.b3();
            for (int c = 0; c < h2; c++) acc += s.w3()[c] * Math.max(0f, z[r * h2 + c] + s.b2()[c]);
            out[first * n + r] += acc;
          }
        });
      }
    }
  }

  @Override
  protected Scoring snapshot() {
    // Each epoch builds a new Scoring and never changes it afterwards.
    return scoring;
  }

  @Override
  protected void restore(Scoring snapshot) {
    scoring = snapshot;
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return FORMAT;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    Scoring s = scoring;
    ArrayIO.writer(out, FORMAT).writeInt(s.fm().numUsers()).writeInt(s.fm().numItems()).writeInt(s.fm().k()).writeInt(params.hidden1())
        .writeInt(params.hidden2()).writeFloats(s.fm().users()).writeFloats(s.fm().items()).writeFloats(s.userPart()).writeFloats(s.itemPart())
        .writeFloats(s.w2()).writeFloats(s.b2()).writeFloats(s.w3()).writeFloats(new float[] {s.b3()}).finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, FORMAT);
    int numUsers = io.readInt();
    int numItems = io.readInt();
    int k = io.readInt(params.factors() + 1, "factors + 1");
    io.readInt(params.hidden1(), "hidden1");
    io.readInt(params.hidden2(), "hidden2");
    Factors fmFactors = new Factors(numUsers, numItems, k, io.readFloats(), io.readFloats());
    scoring = new Scoring(fmFactors, io.readFloats(), io.readFloats(), io.readFloats(), io.readFloats(), io.readFloats(), io.readFloats()[0]);
  }

  /** The live embedding table and MLP parameters, one after the other, for the gradient check. */
  float[][] parameters() {
    return new float[][] {fm.table().values(), mlp};
  }
}
