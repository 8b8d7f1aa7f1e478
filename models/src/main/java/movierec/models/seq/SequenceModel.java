package movierec.models.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.model.IterativeModel;
import movierec.core.model.TrainContext;
import movierec.models.linalg.ArrayIO;

/**
 * Shared machinery of the sequential families, trained in DJL's PyTorch engine (see {@link Torch}): token
 * windows over each user's time-ordered history, an item embedding table shared by input and output, a
 * family-specific encoder, the training loss (softmax, or BCE over sampled negatives, at every target
 * position), DJL's Adam, best-epoch snapshots and model files.
 *
 * <p>The default task is next-item prediction: training reads every user's whole history in windows of
 * maxLen + 1 items, each position's target being the item that followed it. A user is scored on a window ending
 * at their latest item: the representation at its last position or the mean over its positions (see
 * {@link Pooling}), dotted with every item's embedding, plus an item bias.
 *
 * <p>All randomness (initial weights, batch order, negatives, dropout masks) comes from a generator seeded by
 * the context, so a seed fixes the result.
 */
public abstract class SequenceModel extends IterativeModel<float[][]> {
  /** Users scored per forward pass: keeps the [batch, numItems] score matrix small. */
  private static final int SCORE_BATCH = 256;

  private final SequenceParams params;
  private final Objective objective;
  private final Pooling pooling;
  private final String format;
  private Interactions history;
  private int numItems;
  /** Positions per window: see {@link #windowLength}. */
  private int len;
  private Net net;
  private NDArray table;
  private NDArray itemBias;
  private Encoder encoder;
  private Adam adam;
  private SplittableRandom rng;
  private int[][] seenSorted;
  private int[] trainUsers;
  /** Training windows as (user, end) pairs: user in the high 32 bits, end in the low. */
  private long[] windows;

  protected SequenceModel(SequenceParams params, Objective objective, Pooling pooling, String format) {
    this.params = params;
    this.objective = objective;
    this.pooling = pooling;
    this.format = format;
  }

  /** A family's encoder: embedded tokens [B, L, hidden] and valid [B, L, 1] (0 at padding) to [B, L, hidden]. */
  @FunctionalInterface
  protected interface Encoder {
    NDArray encode(NDArray x, NDArray valid);
  }

  /** Creates the family's parameters in {@code net} and returns its encoder over them. */
  protected abstract Encoder encoder(Net net);

  /** Special tokens after padding (BERT4Rec's mask token). */
  protected int extraTokens() {
    return 0;
  }

  /** The first special token: the mask of the cloze families (needs {@link #extraTokens()} ≥ 1). */
  protected final int maskToken() {
    return numItems + 1;
  }

  /**
   * A loss added to the mean per-position item loss of training batch {@code b} (S3Rec's attribute
   * prediction), from the encoder's output [B, L, hidden]; null for none.
   */
  protected NDArray auxiliaryLoss(Net net, Batch b, NDArray hidden) {
    return null;
  }

  /** Negatives drawn per target position by the sampled objective ({@link Objective#BCE}); the SASRec paper's 1. */
  protected int negativesPerTarget() {
    return 1;
  }

  /**
   * gSASRec's calibration t in [0, 1] of the sampled objective (Petrov and Macdonald 2023): the positive
   * term's weight β = α(t(1 − 1/α) + 1/α), α = k / (items − 1), makes the sigmoid of a score estimate the
   * item's probability rather than overstate it k-fold; 0 gives β = 1, plain BCE.
   */
  protected double calibration() {
    return 0;
  }

  /** β of {@link #calibration()}, for the items being fitted. */
  private double positiveWeight() {
    double alpha = Math.min(1, negativesPerTarget() / (numItems - 1.0));
    double t = calibration();
    return alpha * (t * (1 - 1 / alpha) + 1 / alpha);
  }

  /** Sets the Adam step of the following epochs (S3Rec pre-trains with its own). */
  protected final void learningRate(double rate) {
    adam.learningRate(rate);
  }

  /** Items in the data being fitted or scored; token numItems is padding. */
  protected final int numItems() {
    return numItems;
  }

  /**
   * Next-item prediction over the user's maxLen + 1 items before history entry {@code end} (absolute, as
   * in {@link Interactions#end}).
   */
  protected void trainingExample(Interactions x, int user, int end, Batch b, int row, SplittableRandom random) {
    b.window(b.tokens(), row, x, user, end - 1);
    b.window(b.targets(), row, x, user, end);
    // The target window is one item longer: the position before the first input has no target.
    for (int p = row * b.len(); p < (row + 1) * b.len(); p++) {
      if (b.tokens()[p] == b.pad()) b.targets()[p] = -1;
    }
  }

  /**
   * Pass {@code pass} of {@link #queryPasses()} over the user's input: by default their last maxLen items, whose
   * last position scores the next item.
   */
  protected void queryExample(Interactions x, int user, Batch b, int row, int pass) {
    b.window(b.tokens(), row, x, user, x.end(user));
  }

  /** How this model's users are scored. */
  protected final Pooling pooling() {
    return pooling;
  }

  /** Inputs per user that {@link Pooling#MEAN} averages over (BERT4Rec masks other items in each). */
  protected int queryPasses() {
    return 1;
  }

  /** Whether the output at a position holding {@code token} predicts an item: every item's does, causally. */
  protected boolean predicts(int token) {
    return token < numItems;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    history = ctx.train();
    rng = new SplittableRandom(ctx.seed());
    build(rng.split());
    seenSorted = objective == Objective.BCE ? history.sortedItemSets() : null;
    trainUsers = IntStream.range(0, history.numUsers()).filter(u -> history.length(u) >= 2).toArray();
    windows = consecutiveWindows();
    adam = new Adam(net.trained(), params.learningRate(), params.l2());
  }

  /** Builds the parameters and encoder for {@link #history}'s items. */
  private void build(SplittableRandom init) {
    numItems = history.numItems();
    int d = params.hidden();
    len = windowLength(history, params.maxLen());
    net = new Net(init, len, params.dropout());
    table = net.normal(new Shape(numItems + 1 + extraTokens(), d), 1 / Math.sqrt(d));
    encoder = encoder(net);
    // The bias starts at log popularity: otherwise the encoder learns popularity first, as one output
    // for every input, and training sits on that plateau for many epochs (all users' scores alike).
    float[] bias = logPopularity(history);
    if (objective == Objective.BCE) {
      // Under k sampled negatives, log(k/β) lower as well: there a model that knows nothing but popularity has
      // its least loss. From 0 the encoder spent its output on lowering every score at once, and gSASRec (k 256)
      // stayed at MostPopular's level on MovieLens (ml-latest-small 0.078; with the shift 0.119 by epoch 7).
      float shift = (float) Math.log(negativesPerTarget() / positiveWeight());
      for (int i = 0; i < bias.length; i++) bias[i] -= shift;
    }
    itemBias = net.vector(bias);
  }

  /**
   * maxLen, or the length of 95% of the histories when that is shorter: on short-history data (Amazon
   * Beauty: median 6 items) a window of 50 would be mostly padding, which costs as much as items; the
   * few longer histories are still read whole, in consecutive windows.
   */
  static int windowLength(Interactions x, int maxLen) {
    int[] lengths = IntStream.range(0, x.numUsers()).map(x::length).sorted().toArray();
    if (lengths.length == 0) return maxLen;
    return Math.max(2, Math.min(maxLen, lengths[(int) (0.95 * (lengths.length - 1))]));
  }

  /** log(count + 1) of each item in {@code x}, centred. */
  private static float[] logPopularity(Interactions x) {
    int[] counts = x.itemCounts();
    float[] bias = new float[counts.length];
    double mean = 0;
    for (int i = 0; i < counts.length; i++) mean += (bias[i] = (float) Math.log1p(counts[i])) / counts.length;
    for (int i = 0; i < counts.length; i++) bias[i] -= (float) mean;
    return bias;
  }

  /**
   * Every user's history cut into consecutive windows of maxLen + 1 items ending at the latest (the
   * remainder, if it holds a target, as a shorter first window): each item is a target once an epoch.
   * Measured on the small data (SASRec, max_len 30): higher Recall@10 per second than the latest window
   * alone (which leaves ~20% of the items untrained there, over half at competition scale) or one
   * randomly placed window per user and epoch (whose windows rarely look like the latest, which scores).
   */
  private long[] consecutiveWindows() {
    int stride = len;
    long[] out = new long[Arrays.stream(trainUsers).map(u -> (history.length(u) - 2) / stride + 1).sum()];
    int n = 0;
    for (int u : trainUsers) {
      for (int end = history.end(u); end - history.start(u) >= 2; end -= stride) out[n++] = pair(u, end);
    }
    return out;
  }

  private static long pair(int user, int end) {
    return (long) user << 32 | end;
  }

  /** Returns the mean loss of the epoch's batches (with dropout), as PyTorch training loops report it. */
  @Override
  protected double trainEpoch(int epoch) {
    shuffle(windows, rng);
    double total = 0;
    int steps = 0;
    for (int from = 0; from < windows.length; from += params.batchSize()) {
      int to = Math.min(windows.length, from + params.batchSize());
      Batch b = new Batch(to - from, len, numItems);
      int[] users = new int[b.size()];
      for (int r = 0; r < b.size(); r++) {
        long w = windows[from + r];
        users[r] = (int) (w >>> 32);
        trainingExample(history, users[r], (int) w, b, r, rng);
      }
      Negatives negatives = objective == Objective.BCE ? negatives(b, users) : null;
      SplittableRandom dropoutRandom = rng.split();
      total += Torch.train(() -> step(b, negatives, dropoutRandom));
      steps++;
    }
    return steps == 0 ? Double.NaN : total / steps;
  }

  /** One Adam step on a batch (under {@link Torch#train}); returns the batch's loss. */
  private float step(Batch b, Negatives negatives, SplittableRandom dropoutRandom) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      net.training(dropoutRandom);
      float loss;
      try (GradientCollector gc = Torch.gradients()) {
        NDArray l = loss(b, negatives);
        gc.backward(l);
        loss = l.getFloat();
      } finally {
        net.training(null);
      }
      adam.step();
      return loss;
    }
  }

  /** The batch's loss: the mean over its target positions, plus the family's auxiliary loss. */
  private NDArray loss(Batch b, Negatives negatives) {
    NDManager m = net.manager();
    NDArray hidden = forward(b);
    int[] targets = b.targets();
    long[] rows = IntStream.range(0, targets.length).filter(p -> targets[p] >= 0).asLongStream().toArray();
    long[] labels = Arrays.stream(rows).map(p -> targets[(int) p]).toArray();
    // Only positions with a target meet the item table: padding and unmasked positions would each cost numItems logits.
    NDArray predicted = hidden.reshape(-1, params.hidden()).get(m.create(rows));
    NDArray logits = itemScores(predicted);
    NDArray label = m.create(labels, new Shape(labels.length, 1));
    NDArray perPosition;
    if (objective == Objective.SOFTMAX) {
      perPosition = logits.logSoftmax(1).gather(label, 1).neg();
    } else {
      NDArray positive = logits.gather(label, 1);
      int k = negativesPerTarget();
      NDArray drawn = logits.gather(m.create(negatives.items(), new Shape(rows.length, k)), 1);
      NDArray negative = drawn.getNDArrayInternal().softPlus();
      if (negatives.keep() != null) negative = negative.mul(m.create(negatives.keep(), new Shape(rows.length, 1)));
      // gBCE: -log σ(s+)^β = β·softplus(-s+), the loss of the paper's transformed positive logit; the mean
      // over the k + 1 logits as in its code. Plain BCE is β = 1 (calibration 0).
      perPosition = positive.neg().getNDArrayInternal().softPlus().mul(net.scalar(positiveWeight())).add(negative.sum(new int[] {1}, true))
          .div(net.scalar(k + 1));
    }
    NDArray loss = perPosition.mean();
    NDArray auxiliary = auxiliaryLoss(net, b, hidden);
    return auxiliary == null ? loss : loss.add(auxiliary);
  }

  /** [B, L, hidden] representations of the batch's tokens. */
  private NDArray forward(Batch b) {
    NDManager m = net.manager();
    NDArray tokens = m.create(Arrays.stream(b.tokens()).asLongStream().toArray(), new Shape(b.size(), len));
    NDArray valid = tokens.neq(numItems).toType(DataType.FLOAT32, false).expandDims(-1);
    NDArray embedded = tokens.getNDArrayInternal().embedding(tokens, table, SparseFormat.DENSE).singletonOrThrow();
    return encoder.encode(embedded, valid);
  }

  /** Representations [n, hidden] dotted with every item's output embedding (the table's item rows), plus the item bias: [n, items]. */
  private NDArray itemScores(NDArray h) {
    // One fused product-plus-bias (addmm): a separate add would be another pass over the [n, items] logits.
    return h.getNDArrayInternal().linear(h, table.get(new NDIndex("0:" + numItems)), itemBias).singletonOrThrow();
  }

  /**
   * {@link #negativesPerTarget()} unseen items per target row, uniformly drawn, row-major [rows, k]; {@code keep}
   * [rows] is 0 at rows whose user has seen every item (their draws, item 0, count nothing), null when no row is.
   */
  private record Negatives(long[] items, float[] keep) {}

  private Negatives negatives(Batch b, int[] users) {
    int k = negativesPerTarget();
    int[] rows = IntStream.range(0, b.targets().length).filter(p -> b.targets()[p] >= 0).toArray();
    long[] items = new long[rows.length * k];
    float[] keep = null;
    for (int r = 0; r < rows.length; r++) {
      int[] seen = seenSorted[users[rows[r] / b.len()]];
      if (seen.length == numItems) {
        if (keep == null) {
          keep = new float[rows.length];
          Arrays.fill(keep, 1f);
        }
        keep[r] = 0f;
        continue;
      }
      for (int j = 0; j < k; j++) {
        int item;
        do item = rng.nextInt(numItems);
        while (Arrays.binarySearch(seen, item) >= 0);
        items[r * k + j] = item;
      }
    }
    return new Negatives(items, keep);
  }

  private static void shuffle(long[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  @Override
  public void score(int[] users, float[] out) {
    try {
      scoreBatches(users, out);
    } finally {
      // The net's Cleaner frees every parameter once the net is unreachable, which the JIT may decide while
      // libtorch still reads them (a caller that drops the model after scoring): keep it reachable to the end.
      Reference.reachabilityFence(net);
    }
  }

  private void scoreBatches(int[] users, float[] out) {
    Torch.noGrad();
    for (int from = 0; from < users.length; from += SCORE_BATCH) {
      int to = Math.min(users.length, from + SCORE_BATCH);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray query = pooling == Pooling.LAST ? forward(queries(users, from, to, 0)).get(new NDIndex(":, -1, :")) : meanQuery(users, from, to);
        float[] scores = itemScores(query).toFloatArray();
        System.arraycopy(scores, 0, out, from * numItems, scores.length);
      }
    }
  }

  private Batch queries(int[] users, int from, int to, int pass) {
    Batch b = new Batch(to - from, len, numItems);
    for (int r = 0; r < b.size(); r++) queryExample(history, users[from + r], b, r, pass);
    return b;
  }

  /** The mean of the outputs at every predicting position of the users' query passes: [users, hidden]. */
  private NDArray meanQuery(int[] users, int from, int to) {
    NDArray sum = null;
    NDArray count = null;
    for (int pass = 0; pass < queryPasses(); pass++) {
      Batch b = queries(users, from, to, pass);
      float[] predicting = new float[b.tokens().length];
      for (int p = 0; p < predicting.length; p++) predicting[p] = predicts(b.tokens()[p]) ? 1f : 0f;
      NDArray weight = net.manager().create(predicting, new Shape(b.size(), len, 1));
      NDArray passSum = forward(b).mul(weight).sum(new int[] {1});
      NDArray passCount = weight.sum(new int[] {1});
      sum = sum == null ? passSum : sum.add(passSum);
      count = count == null ? passCount : count.add(passCount);
    }
    return sum.div(count);
  }

  @Override
  protected float[][] snapshot() {
    return net.kept().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
  }

  @Override
  protected void restore(float[][] snapshot) {
    Torch.noGrad();
    List<NDArray> kept = net.kept();
    for (int i = 0; i < kept.size(); i++) kept.get(i).set(snapshot[i]);
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return format;
  }

  /** The training histories (scoring reads them) and every kept parameter; the net is rebuilt from the params. */
  @Override
  public void save(OutputStream out) throws IOException {
    ArrayIO io = ArrayIO.writer(out, format);
    io.writeHistories(history);
    io.writeInt(net.kept().size());
    for (NDArray p : net.kept()) io.writeFloats(p.toFloatArray());
    io.finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, format);
    history = io.readHistories();
    build(new SplittableRandom(0));
    List<NDArray> kept = net.kept();
    io.readInt(kept.size(), "arrays");
    float[][] values = new float[kept.size()][];
    for (int i = 0; i < kept.size(); i++) {
      values[i] = io.readFloats();
      if (values[i].length != kept.get(i).size()) {
        throw new IOException("model file has " + values[i].length + " values for array " + i + ", this model expects " + kept.get(i).size());
      }
    }
    restore(values);
  }
}
