package movierec.models.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.model.IterativeModel;
import movierec.core.model.TrainContext;

/**
 * What the autoencoder families share: a network built for the data's shape, mini-batch epochs over
 * shuffled rows, best-epoch snapshots, and model files. All randomness (initial weights, shuffling,
 * dropout, sampling) comes from one generator seeded by the train context, so a seed fixes the result.
 *
 * <p>A model file holds the training histories as well as the weights: the families score a user from
 * the user's history, and {@link movierec.core.model.Model#load} gets nothing else.
 */
public abstract class NeuralModel extends IterativeModel<List<float[]>> {
  private static final int FILE_VERSION = 1;
  /**
   * Fewest updates an epoch makes: the batch size shrinks below the requested one on small data, so
   * that a 600-user dataset gets as many optimizer steps per epoch as the competition's 31k users get
   * at batch 500 (63), not 2; on data that large the requested size stands.
   */
  public static final int MIN_BATCHES_PER_EPOCH = 50;

  private Interactions train;
  private List<Param> params;
  /** The model's generator: shuffling, dropout and sampling draw from it in a fixed order. */
  protected SplittableRandom rng;

  /**
   * Builds the network for the data's shape, drawing initial weights from {@code init}, and returns all
   * its parameters (their order is the model file's order).
   */
  protected abstract List<Param> build(Interactions train, SplittableRandom init);

  protected abstract int batchSize();

  /** The rows an epoch iterates over: users by default; item-based families return the transpose. */
  protected Interactions trainingRows() {
    return train;
  }

  @Override
  protected void initialize(TrainContext ctx) {
    train = ctx.train();
    rng = new SplittableRandom(ctx.seed());
    params = build(train, rng);
  }

  /**
   * One pass over the non-empty rows of {@link #trainingRows()} in a fresh random order, in batches;
   * {@code step} trains on a batch and returns its summed loss. Returns the mean loss per row.
   */
  protected final double pass(ToDoubleFunction<int[]> step) {
    Interactions rows = trainingRows();
    int[] order = IntStream.range(0, rows.numUsers()).filter(r -> rows.length(r) > 0).toArray();
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double loss = 0;
    int size = effectiveBatchSize(order.length);
    for (int from = 0; from < order.length; from += size) {
      int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + size));
      loss += step.applyAsDouble(batch);
    }
    return loss / Math.max(1, order.length);
  }

  final int effectiveBatchSize(int rows) {
    return batchSizeFor(batchSize(), rows);
  }

  /** The requested batch size, or less when it would give under {@link #MIN_BATCHES_PER_EPOCH} updates per epoch over {@code rows}. */
  public static int batchSizeFor(int requested, int rows) {
    return Math.max(1, Math.min(requested, (rows + MIN_BATCHES_PER_EPOCH - 1) / MIN_BATCHES_PER_EPOCH));
  }

  /** The training histories (user by item) the model was fitted or loaded with. */
  protected final Interactions train() {
    return train;
  }

  @Override
  protected List<float[]> snapshot() {
    List<float[]> copy = new ArrayList<>(params.size());
    for (Param p : params) copy.add(p.values());
    return copy;
  }

  @Override
  protected void restore(List<float[]> snapshot) {
    for (int k = 0; k < params.size(); k++) params.get(k).setValues(snapshot.get(k));
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return getClass().getName() + ".v" + FILE_VERSION;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    if (params == null) throw new IllegalStateException("model is not fitted");
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    d.writeUTF(getClass().getName());
    d.writeInt(FILE_VERSION);
    d.writeInt(train.numUsers());
    d.writeInt(train.numItems());
    for (int u = 0; u < train.numUsers(); u++) {
      d.writeInt(train.length(u));
      for (int k = train.start(u); k < train.end(u); k++) d.writeInt(train.item(k));
    }
    d.writeInt(params.size());
    for (Param p : params) {
      float[] v = p.values();
      d.writeInt(v.length);
      for (float f : v) d.writeFloat(f);
    }
    d.flush();
  }

  /** Restores a saved model; interaction times are not kept (no family here reads them). */
  @Override
  public void load(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    String type = d.readUTF();
    if (!type.equals(getClass().getName())) throw new IOException("model file is a " + type + ", not a " + getClass().getName());
    if (d.readInt() != FILE_VERSION) throw new IOException("unsupported model file version");
    int numUsers = d.readInt();
    int numItems = d.readInt();
    int[] offsets = new int[numUsers + 1];
    List<int[]> rows = new ArrayList<>(numUsers);
    for (int u = 0; u < numUsers; u++) {
      int[] row = new int[d.readInt()];
      for (int k = 0; k < row.length; k++) row[k] = d.readInt();
      rows.add(row);
      offsets[u + 1] = offsets[u] + row.length;
    }
    int[] items = new int[offsets[numUsers]];
    for (int u = 0; u < numUsers; u++) System.arraycopy(rows.get(u), 0, items, offsets[u], rows.get(u).length);
    train = new Interactions(numUsers, numItems, offsets, items, new long[items.length]);
    params = build(train, new SplittableRandom(0));
    if (d.readInt() != params.size()) throw new IOException("model file does not match this family's parameters");
    for (Param p : params) {
      int n = d.readInt();
      if (n != p.size()) throw new IOException("model file parameter of size " + n + " where the params give " + p.size());
      float[] v = new float[n];
      for (int k = 0; k < n; k++) v[k] = d.readFloat();
      p.setValues(v);
    }
  }
}
