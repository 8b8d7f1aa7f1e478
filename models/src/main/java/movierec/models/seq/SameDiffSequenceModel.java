package movierec.models.seq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.model.IterativeModel;
import movierec.core.model.TrainContext;
import movierec.models.linalg.ArrayIO;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared machinery of the sequential families: token windows over each user's time-ordered history, an
 * item embedding table shared by input and output, a family-specific encoder built in SameDiff, the
 * training loss (softmax, or BCE over sampled negatives, at every target position), Adam steps, best-epoch snapshots and
 * model files.
 *
 * <p>The default task is next-item prediction: training reads every user's whole history in windows of
 * maxLen + 1 items, each position's target being the item that followed it. A user is scored on a window ending
 * at their latest item: the representation at its last position or the mean over its positions (see
 * {@link Pooling}), dotted with every item's embedding, plus an item bias.
 *
 * <p>All randomness (initial weights, batch order, dropout masks, negatives) comes from a generator
 * seeded by the context, so a seed fixes the result.
 */
public abstract class SameDiffSequenceModel extends IterativeModel<List<INDArray>> {
  /** Users scored per forward pass: keeps the [batch, numItems] score matrix small. */
  private static final int SCORE_BATCH = 256;
  private static final String LOSS = "loss";
  private static final String SCORES = "scores";
  private static final String SELECT = "select";
  /**
   * The embedded tokens [B·L, hidden]: a variable whose value each batch sets from the item table, and
   * whose gradient is added to the table's at the tokens' rows. SameDiff 1.0.0-M2.1 differentiates its
   * gather op through a control-flow loop over the indices (slow, and a second gather in one graph fails
   * to build); the one-hot products used before cost O(B·L·items) and grew with the item count.
   */
  private static final String EMBEDDED = "embedded";
  private static final String TARGETS = "targets";
  private static final String NEGATIVES = "negatives";

  private final SequenceParams params;
  private final Objective objective;
  private final Pooling pooling;
  private final String format;
  private Interactions history;
  private int numItems;
  /** Positions per window: see {@link #windowLength}. */
  private int len;
  private Graph graph;
  private AdamSteps updater;
  private String tableName;
  /** Names of the variables Adam updates. */
  private List<String> trained;
  private SplittableRandom rng;
  private int[][] seenSorted;
  private int[] trainUsers;
  /** Training windows as (user, end) pairs: user in the high 32 bits, end in the low. */
  private long[] windows;
  private Map<String, INDArray> monitor;
  private Batch monitorBatch;

  protected SameDiffSequenceModel(SequenceParams params, Objective objective, Pooling pooling, String format) {
    this.params = params;
    this.objective = objective;
    this.pooling = pooling;
    this.format = format;
  }

  /**
   * Builds the family's encoder from the embedded tokens x [B·L, hidden] and valid [B·L, 1] (1 at
   * items and special tokens, 0 at padding) to representations [B·L, hidden] (row r is position r mod L
   * of window r / L; see {@link Graph}).
   */
  protected abstract SDVariable encode(Graph g, SDVariable x, SDVariable valid);

  /** Special tokens after padding (BERT4Rec's mask token). */
  protected int extraTokens() {
    return 0;
  }

  /** The first special token: the mask of the cloze families (needs {@link #extraTokens()} ≥ 1). */
  protected final int maskToken() {
    return numItems + 1;
  }

  /**
   * A loss added to the per-position item loss (S3Rec's attribute prediction), built on the encoder's
   * output [B·L, hidden]; null for none. Its placeholders are filled by {@link #familyInputs}.
   */
  protected SDVariable auxiliaryLoss(Graph g, SDVariable hidden) {
    return null;
  }

  /**
   * Values of the family's own placeholders for a batch, by name: every one of them when
   * {@code training}, those the scores read otherwise.
   */
  protected void familyInputs(Batch b, boolean training, Map<String, INDArray> inputs) {}

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
    updater.learningRate(rate);
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

  /** The input whose last position scores the user's next item: their last maxLen items. */
  protected void queryExample(Interactions x, int user, Batch b, int row) {
    b.window(b.tokens(), row, x, user, x.end(user));
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
    QuietGradients.create(graph.sd());
    seenSorted = objective == Objective.BCE ? history.sortedItemSets() : null;
    trainUsers = IntStream.range(0, history.numUsers()).filter(u -> history.length(u) >= 2).toArray();
    windows = consecutiveWindows();
    monitor = monitorInputs(rng.split());
  }

  /** Builds the graph for {@link #history}'s items. */
  private void build(SplittableRandom init) {
    numItems = history.numItems();
    int d = params.hidden();
    len = windowLength(history, params.maxLen());
    graph = new Graph(init, len, params.dropout());
    SameDiff sd = graph.sd();
    SDVariable valid = sd.placeHolder("valid", DataType.FLOAT, -1, 1);
    int vocabulary = numItems + 1 + extraTokens();
    SDVariable table = graph.normal("item_embedding", vocabulary, d, 1 / Math.sqrt(d));
    tableName = table.name();
    // The lookup happens outside the graph (see EMBEDDED); this variable holds the batch's rows.
    sd.var(EMBEDDED, Nd4j.zeros(DataType.FLOAT, len, d));
    SDVariable hidden = encode(graph, sd.getVariable(EMBEDDED), valid);
    SDVariable itemsOut = table.get(SDIndex.interval(0, numItems));
    // The bias starts at log popularity: otherwise the encoder learns popularity first, as one output
    // for every input, and training sits on that plateau for many epochs (all users' scores alike).
    SDVariable itemBias = graph.vector("item_bias", logPopularity(history));

    SDVariable query = pooling == Pooling.LAST
        ? hidden.reshape(-1, len, d).get(SDIndex.all(), SDIndex.point(len - 1), SDIndex.all())
        : hidden.mul(valid).reshape(-1, len, d).sum(1).div(valid.reshape(-1, len).sum(true, 1));
    sd.mmul(query, itemsOut, false, true, false).add(SCORES, itemBias);

    // Only positions with a target meet the item table, picked by a [T, B·L] 0/1 product (a gather would
    // need SameDiff's gather gradient): padding and unmasked positions would each cost numItems logits.
    SDVariable predicted = sd.placeHolder(SELECT, DataType.FLOAT, -1, -1).mmul(hidden);
    SDVariable logits = sd.mmul(predicted, itemsOut, false, true, false).add(itemBias);
    SDVariable targets = sd.placeHolder(TARGETS, DataType.INT, -1);
    SDVariable perPosition;
    if (objective == Objective.SOFTMAX) {
      perPosition = sd.loss.sparseSoftmaxCrossEntropy(logits, targets);
    } else {
      // [T, numItems]: how often each item was drawn as the row's negative.
      SDVariable negativeCounts = sd.placeHolder(NEGATIVES, DataType.FLOAT, -1, numItems);
      SDVariable pos = logits.mul(sd.oneHot(targets, numItems)).sum(1);
      SDVariable neg = sd.nn.softplus(logits).mul(negativeCounts).sum(1);
      // gBCE: -log σ(s+)^β = β·softplus(-s+), the loss of the paper's transformed positive logit; the mean
      // over the k + 1 logits as in its code. Plain BCE is β = 1 (calibration 0).
      perPosition = sd.nn.softplus(pos.neg()).mul(positiveWeight()).add(neg).div(negativesPerTarget() + 1);
    }
    SDVariable auxiliary = auxiliaryLoss(graph, hidden);
    SDVariable itemLoss = perPosition.mean();
    if (auxiliary == null) itemLoss.rename(LOSS);
    else itemLoss.add(LOSS, auxiliary);
    sd.setLossVariables(LOSS);
    trained = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE && !v.name().equals(EMBEDDED)).map(SDVariable::name).toList();
    updater = new AdamSteps(params.learningRate(), params.l2());
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

  @Override
  protected double trainEpoch(int epoch) {
    shuffle(windows, rng);
    for (int from = 0; from < windows.length; from += params.batchSize()) {
      int to = Math.min(windows.length, from + params.batchSize());
      Batch b = new Batch(to - from, len, numItems);
      int[] users = new int[b.size()];
      for (int r = 0; r < b.size(); r++) {
        long w = windows[from + r];
        users[r] = (int) (w >>> 32);
        trainingExample(history, users[r], (int) w, b, r, rng);
      }
      step(b, trainingInputs(b, users, graph.sampleMasks(b.size(), rng)));
    }
    return monitor == null ? Double.NaN : graph.sd().outputSingle(lookup(monitorBatch, monitor), LOSS).getDouble(0);
  }

  /** One Adam step on a batch; the embedded rows' gradient is added to the table's at their tokens. */
  private void step(Batch b, Map<String, INDArray> inputs) {
    SameDiff sd = graph.sd();
    lookup(b, inputs);
    List<String> wanted = new ArrayList<>(trained);
    wanted.add(EMBEDDED);
    Map<String, INDArray> gradients = new HashMap<>(sd.calculateGradients(inputs, wanted));
    INDArray rows = gradients.remove(EMBEDDED);
    INDArray table = gradients.get(tableName);
    table.addi(Nd4j.exec(new UnsortedSegmentSum(rows, Nd4j.createFromArray(b.tokens()), (int) table.rows()))[0]);
    Map<String, INDArray> values = new HashMap<>();
    for (String name : trained) values.put(name, sd.getVariable(name).getArr());
    updater.apply(values, gradients);
  }

  /** Sets the embedded variable to the table's rows at the batch's tokens; returns the inputs. */
  private Map<String, INDArray> lookup(Batch b, Map<String, INDArray> inputs) {
    SameDiff sd = graph.sd();
    sd.getVariable(EMBEDDED).setArray(Nd4j.pullRows(sd.getVariable(tableName).getArr(), 1, b.tokens()));
    return inputs;
  }

  /**
   * The epoch's reported loss is that of one fixed batch without dropout, after the epoch: a second
   * forward pass over every batch would cost a third of the training time.
   */
  private Map<String, INDArray> monitorInputs(SplittableRandom random) {
    int size = Math.min(params.batchSize(), trainUsers.length);
    if (size == 0) return null;
    int[] users = Arrays.copyOf(trainUsers, size);
    Batch b = new Batch(size, len, numItems);
    for (int r = 0; r < size; r++) trainingExample(history, users[r], history.end(users[r]), b, r, random);
    monitorBatch = b;
    return trainingInputs(b, users, graph.identityMasks(size));
  }

  /** Every placeholder's value for a training batch, by name. */
  private Map<String, INDArray> trainingInputs(Batch b, int[] users, INDArray[] masks) {
    int[] rows = IntStream.range(0, b.targets().length).filter(p -> b.targets()[p] >= 0).toArray();
    float[] select = new float[rows.length * b.targets().length];
    for (int r = 0; r < rows.length; r++) select[r * b.targets().length + rows[r]] = 1f;
    Map<String, INDArray> inputs = inputs(b, masks, true);
    inputs.put(SELECT, Nd4j.create(select, new long[] {rows.length, b.targets().length}, 'c'));
    inputs.put(TARGETS, Nd4j.createFromArray(Arrays.stream(rows).map(p -> b.targets()[p]).toArray()));
    if (objective == Objective.BCE) inputs.put(NEGATIVES, negatives(b, users, rows));
    return inputs;
  }

  /** Tokens, validity, dropout masks and the family's placeholders. */
  private Map<String, INDArray> inputs(Batch b, INDArray[] masks, boolean training) {
    Map<String, INDArray> inputs = new HashMap<>();
    inputs.put("valid", validArray(b));
    for (int m = 0; m < masks.length; m++) inputs.put(graph.dropoutMasks().get(m).name(), masks[m]);
    familyInputs(b, training, inputs);
    return inputs;
  }

  /** {@link #negativesPerTarget()} unseen items per target row, uniformly drawn, as counts [rows, numItems]. */
  private INDArray negatives(Batch b, int[] users, int[] rows) {
    float[] counts = new float[rows.length * numItems];
    for (int r = 0; r < rows.length; r++) {
      int[] seen = seenSorted[users[rows[r] / b.len()]];
      if (seen.length == numItems) continue;
      for (int k = 0; k < negativesPerTarget(); k++) {
        int item;
        do item = rng.nextInt(numItems);
        while (Arrays.binarySearch(seen, item) >= 0);
        counts[r * numItems + item]++;
      }
    }
    return Nd4j.create(counts, new long[] {rows.length, numItems}, 'c');
  }

  private static INDArray validArray(Batch b) {
    float[] valid = new float[b.tokens().length];
    for (int p = 0; p < valid.length; p++) valid[p] = b.tokens()[p] == b.pad() ? 0f : 1f;
    return Nd4j.create(valid, new long[] {valid.length, 1}, 'c');
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
    for (int from = 0; from < users.length; from += SCORE_BATCH) {
      int to = Math.min(users.length, from + SCORE_BATCH);
      Batch b = new Batch(to - from, len, numItems);
      for (int r = 0; r < b.size(); r++) queryExample(history, users[from + r], b, r);
      float[] scores = graph.sd().outputSingle(lookup(b, inputs(b, graph.identityMasks(b.size()), false)), SCORES).dup('c').data().asFloat();
      System.arraycopy(scores, 0, out, from * numItems, scores.length);
    }
  }

  @Override
  protected List<INDArray> snapshot() {
    return graph.kept().stream().map(v -> v.getArr().dup()).toList();
  }

  @Override
  protected void restore(List<INDArray> snapshot) {
    List<SDVariable> vars = graph.kept();
    for (int i = 0; i < vars.size(); i++) vars.get(i).getArr().assign(snapshot.get(i));
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return format;
  }

  /** The training histories (scoring reads them) and every kept array; the graph is rebuilt from the params. */
  @Override
  public void save(OutputStream out) throws IOException {
    ArrayIO io = ArrayIO.writer(out, format);
    io.writeHistories(history);
    io.writeInt(graph.kept().size());
    for (SDVariable v : graph.kept()) io.writeFloats(v.getArr().dup('c').data().asFloat());
    io.finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, format);
    history = io.readHistories();
    build(new SplittableRandom(0));
    List<SDVariable> vars = graph.kept();
    io.readInt(vars.size(), "variables");
    for (SDVariable v : vars) {
      INDArray arr = v.getArr();
      float[] values = io.readFloats();
      if (values.length != arr.length()) throw new IOException("model file has " + values.length + " values for " + v.name() + ", this model expects " + arr.length());
      arr.assign(Nd4j.create(values, arr.shape(), 'c'));
    }
  }
}
