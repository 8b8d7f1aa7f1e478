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
import movierec.models.features.BatchScorer;
import movierec.models.features.PairBatch;
import movierec.models.features.PairLoss;
import movierec.models.features.PairwiseSgd;
import movierec.models.linalg.ArrayIO;
import movierec.models.linalg.Blas;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;
import org.bytedeco.javacpp.FloatPointer;

/**
 * DeepFM: H. Guo, R. Tang, Y. Ye, Z. Li, X. He, "DeepFM: A Factorization-Machine based Neural Network for
 * CTR Prediction", IJCAI 2017. The FM of {@link FmPart} plus an MLP (two ReLU layers, linear output) over
 * the concatenated field embeddings of the same table, e_F = Σ_{g ∈ F} x_g v_g for the user, item, genre,
 * director, writer and decade fields; s(u, i) = FM(u, i) + MLP(e). Hand-written backprop, AdaGrad, trained
 * for ranking by {@link PairwiseSgd}: a batch's inputs form one matrix E (rows × 6k, each distinct item's
 * field sums computed once), and the layers' forward and backward passes are SGEMMs on it.
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
  /** Layers: W₁ (h₁ × FIELDS·k), b₁, W₂ (h₂ × h₁), b₂, w₃ (h₂), b₃ (one value). */
  private Layer l1;
  private Layer l2;
  private Layer l3;
  /**
   * Per-batch matrices, rows × width: the input E, pre-activations Z and activations H of both hidden
   * layers, and the gradients by Z₂, Z₁ and E; per slot the item's field sums and their gradient.
   */
  private float[] input;
  private float[] z1;
  private float[] a1;
  private float[] z2;
  private float[] a2;
  private float[] dz2;
  private float[] dz1;
  private float[] dInput;
  private float[] slotFields;
  private float[] slotGrad;
  private Scoring scoring;

  /** A layer's weights (out × in, row-major) and bias, their gradients and optimizers. */
  private record Layer(int in, int out, float[] w, float[] b, float[] dw, float[] db, Adagrad wOpt, Adagrad bOpt) {
    static Layer of(int in, int out, double std, SplittableRandom rng) {
      float[] w = Factors.gaussian(out * in, std, rng);
      float[] b = new float[out];
      return new Layer(in, out, w, b, new float[w.length], new float[out], new Adagrad(w), new Adagrad(b));
    }

    void step(float lr, float reg) {
      wOpt.step(0, dw, 0, dw.length, lr, reg);
      bOpt.step(0, db, 0, db.length, lr, reg);
    }
  }

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
    // He initialisation for the ReLU layers, Xavier for the linear output; biases 0.
    SplittableRandom mlpRng = rng.split();
    l1 = Layer.of(in, h1, Math.sqrt(2.0 / in), mlpRng);
    l2 = Layer.of(h1, h2, Math.sqrt(2.0 / h1), mlpRng);
    l3 = Layer.of(h2, 1, Math.sqrt(1.0 / h2), mlpRng);
    sgd = new PairwiseSgd(ctx.train(), PairLoss.of(params.loss()), params.negatives(), params.batchSize(), rng.split());
  }

  @Override
  protected double trainEpoch(int epoch) {
    double loss = sgd.epoch(pairs(), (float) params.learningRate(), (float) params.regularization());
    scoring = buildScoring();
    return loss;
  }

  /** The batch scores and their step, for the training loop and the gradient check. */
  BatchScorer pairs() {
    return new BatchScorer() {
      @Override
      public void forward(PairBatch batch, float[] scores) {
        fm.forward(batch, scores);
        deep(batch, scores);
      }

      @Override
      public void step(PairBatch batch, float[] coef, float lr, float reg) {
        backward(batch, coef);
        fm.addGradient(batch, coef);
        fm.table().apply(lr, reg);
        l1.step(lr, reg);
        l2.step(lr, reg);
        l3.step(lr, reg);
      }
    };
  }

  /** Adds the MLP's output to every row's score; leaves the batch's matrices for {@link #backward}. */
  private void deep(PairBatch batch, float[] scores) {
    int k = params.factors();
    int in = FIELDS * k;
    int fw = in - k;
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    int rows = batch.size();
    if (input == null || input.length < rows * in) {
      int cap = batch.capacity();
      input = new float[cap * in];
      dInput = new float[cap * in];
      z1 = new float[cap * h1];
      a1 = new float[cap * h1];
      dz1 = new float[cap * h1];
      z2 = new float[cap * h2];
      a2 = new float[cap * h2];
      dz2 = new float[cap * h2];
      slotFields = new float[cap * fw];
      slotGrad = new float[cap * fw];
    }
    float[] v = fm.table().values();
    int rowWidth = fm.table().width();
    ItemFeatures fs = fm.table().features();
    // The item fields' sums e_F once per slot; E's rows are [v_u, e_item, e_genre, ..., e_decade].
    Parallel.forRange(batch.numSlots(), 64, (from, to) -> {
      for (int s = from; s < to; s++) {
        int item = batch.slotItem(s);
        int so = s * fw;
        Arrays.fill(slotFields, so, so + fw, 0f);
        for (int e = fs.start(item); e < fs.end(item); e++) {
          int o = fs.feature(e) * rowWidth;
          int at = so + (fs.field(e) - 1) * k;
          float x = fs.weight(e);
          for (int d = 0; d < k; d++) slotFields[at + d] += x * v[o + d];
        }
      }
    });
    Parallel.forRange(rows, 256, (from, to) -> {
      for (int r = from; r < to; r++) {
        System.arraycopy(v, batch.user(r) * rowWidth, input, r * in + USER * k, k);
        System.arraycopy(slotFields, batch.slot(r) * fw, input, r * in + k, fw);
      }
    });
    // Z₁ = E W₁ᵀ + b₁, A₁ = ReLU(Z₁); Z₂ = A₁ W₂ᵀ + b₂, A₂ = ReLU(Z₂); out = A₂ w₃ + b₃.
    Blas.multiply(input, false, l1.w(), true, rows, h1, in, z1);
    activate(z1, l1.b(), a1, rows, h1);
    Blas.multiply(a1, false, l2.w(), true, rows, h2, h1, z2);
    activate(z2, l2.b(), a2, rows, h2);
    float[] w3 = l3.w();
    float b3 = l3.b()[0];
    Parallel.forRange(rows, 256, (from, to) -> {
      for (int r = from; r < to; r++) {
        float out = b3;
        for (int c = 0; c < h2; c++) out += w3[c] * a2[r * h2 + c];
        scores[r] += out;
      }
    });
  }

  /** Z += bias per row, A = ReLU(Z). */
  private static void activate(float[] z, float[] bias, float[] a, int rows, int width) {
    Parallel.forRange(rows, 256, (from, to) -> {
      for (int r = from; r < to; r++) {
        for (int c = 0; c < width; c++) {
          int p = r * width + c;
          z[p] += bias[c];
          a[p] = Math.max(0f, z[p]);
        }
      }
    });
  }

  /**
   * Sets the layers' gradients of Σ_r coef_r MLP(e_r) and adds its gradient through E to the embeddings':
   * e_F = Σ_{g ∈ F} x_g v_g, so each item feature gets x_g times its field's gradient summed over its slot.
   */
  private void backward(PairBatch batch, float[] coef) {
    int k = params.factors();
    int in = FIELDS * k;
    int fw = in - k;
    int h1 = params.hidden1();
    int h2 = params.hidden2();
    int rows = batch.size();
    float[] w3 = l3.w();
    // Output layer: dw₃ = Σ_r coef_r A₂_r, db₃ = Σ_r coef_r; dZ₂ = coef w₃ ⊙ [Z₂ > 0].
    Arrays.fill(l3.dw(), 0f);
    float db3 = 0;
    for (int r = 0; r < rows; r++) {
      float c = coef[r];
      db3 += c;
      for (int j = 0; j < h2; j++) {
        int p = r * h2 + j;
        l3.dw()[j] += c * a2[p];
        dz2[p] = z2[p] > 0 ? c * w3[j] : 0f;
      }
    }
    l3.db()[0] = db3;
    // dW₂ = dZ₂ᵀ A₁, db₂ = column sums of dZ₂; dZ₁ = (dZ₂ W₂) ⊙ [Z₁ > 0].
    Blas.multiply(dz2, true, a1, false, h2, h1, rows, l2.dw());
    columnSums(dz2, rows, h2, l2.db());
    Blas.multiply(dz2, false, l2.w(), false, rows, h1, h2, dz1);
    Parallel.forRange(rows * h1, 4096, (from, to) -> {
      for (int p = from; p < to; p++) if (z1[p] <= 0) dz1[p] = 0f;
    });
    // dW₁ = dZ₁ᵀ E, db₁ = column sums of dZ₁; dE = dZ₁ W₁.
    Blas.multiply(dz1, true, input, false, h1, in, rows, l1.dw());
    columnSums(dz1, rows, h1, l1.db());
    Blas.multiply(dz1, false, l1.w(), false, rows, in, h1, dInput);

    float[] grad = fm.table().gradient();
    ItemFeatures fs = fm.table().features();
    Arrays.fill(slotGrad, 0, batch.numSlots() * fw, 0f);
    for (int r = 0; r < rows; r++) {
      int go = fm.table().touch(batch.user(r));
      int ro = r * in;
      for (int d = 0; d < k; d++) grad[go + d] += dInput[ro + USER * k + d];
      int so = batch.slot(r) * fw;
      for (int c = 0; c < fw; c++) slotGrad[so + c] += dInput[ro + k + c];
    }
    for (int s = 0; s < batch.numSlots(); s++) {
      int item = batch.slotItem(s);
      for (int e = fs.start(item); e < fs.end(item); e++) {
        int go = fm.table().touch(fs.feature(e));
        int at = s * fw + (fs.field(e) - 1) * k;
        float x = fs.weight(e);
        for (int d = 0; d < k; d++) grad[go + d] += x * slotGrad[at + d];
      }
    }
  }

  /** {@code out[c] = Σ_r m[r, c]}, rows in order. */
  private static void columnSums(float[] m, int rows, int cols, float[] out) {
    Arrays.fill(out, 0f);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) out[c] += m[r * cols + c];
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
          int row = j * in + USER * k;
          for (int d = 0; d < k; d++) z += l1.w()[row + d] * v[u * rowWidth + d];
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
          float z = l1.b()[j];
          int row = j * in;
          // The user's slot of e is zero here: it is in the user part.
          for (int c = 0; c < in; c++) z += l1.w()[row + c] * e[c];
          itemPart[i * h1 + j] = z;
        }
      }
    });
    return new Scoring(fm.scoringFactors(), userPart, itemPart, l2.w().clone(), l2.b().clone(), l3.w().clone(), l3.b()[0]);
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

  /** The live embedding table and MLP parameters, for the gradient check. */
  float[][] parameters() {
    return new float[][] {fm.table().values(), l1.w(), l1.b(), l2.w(), l2.b(), l3.w(), l3.b()};
  }
}
