package movierec.djlbench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.Interactions;

/**
 * Benchmark prototype (not a family): SASRec's training epoch — forward, backward and Adam — in DJL's PyTorch
 * engine, the same model, sizes, windows and loss as {@code models/bench/seq_torch.py} and movierec's
 * {@code seq/Transformer.java}, to decide with figures whether the sequential families should move off SameDiff.
 * Prints one RESULT line like the Python reference. Usage: {@code SasRecDjl DATA_DIR EPOCHS BATCH HIDDEN MAX_LEN
 * BLOCKS HEADS DROPOUT LR}.
 */
public final class SasRecDjl {
  private static final float FORBIDDEN = -1e9f;

  private final int numItems;
  private final int d;
  private final int len;
  private final int heads;
  private final float dropout;
  private final NDArray items;
  private final NDArray positions;
  private final NDArray itemBias;
  private final NDArray causal;
  private final List<Block> blocks = new ArrayList<>();
  private final Norm finalNorm;
  private final List<NDArray> params = new ArrayList<>();
  private final Adam adam;

  private SasRecDjl(NDManager m, Interactions x, int d, int len, int blockCount, int heads, float dropout, double lr, SplittableRandom rng) {
    this.numItems = x.numItems();
    this.d = d;
    this.len = len;
    this.heads = heads;
    this.dropout = dropout;
    items = param(normal(m, rng, new Shape(numItems + 1, d), 1 / Math.sqrt(d)));
    positions = param(normal(m, rng, new Shape(len, d), 1 / Math.sqrt(d)));
    int[] counts = x.itemCounts();
    float[] bias = new float[numItems];
    double mean = 0;
    for (int i = 0; i < numItems; i++) mean += (bias[i] = (float) Math.log1p(counts[i])) / numItems;
    for (int i = 0; i < numItems; i++) bias[i] -= (float) mean;
    itemBias = param(m.create(bias));
    float[] tri = new float[len * len];
    for (int q = 0; q < len; q++) for (int k = q + 1; k < len; k++) tri[q * len + k] = FORBIDDEN;
    causal = m.create(tri, new Shape(len, len));
    for (int b = 0; b < blockCount; b++) blocks.add(new Block(m, rng));
    finalNorm = new Norm(m);
    adam = new Adam(m, params, lr);
  }

  private NDArray param(NDArray a) {
    a.setRequiresGradient(true);
    params.add(a);
    return a;
  }

  private static NDArray normal(NDManager m, SplittableRandom rng, Shape shape, double std) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) (std * rng.nextGaussian());
    return m.create(v, shape);
  }

  /** A linear layer initialised as torch.nn.Linear (uniform ±1/√in). */
  private final class Linear {
    final NDArray w;
    final NDArray b;

    Linear(NDManager m, SplittableRandom rng, int in, int out) {
      float[] v = new float[in * out];
      double bound = 1 / Math.sqrt(in);
      for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
      w = param(m.create(v, new Shape(in, out)));
      b = param(m.zeros(new Shape(out)));
    }

    NDArray apply(NDArray x) {
      return x.matMul(w).add(b);
    }
  }

  private final class Norm {
    final NDArray gain;
    final NDArray bias;

    Norm(NDManager m) {
      gain = param(m.ones(new Shape(d)));
      bias = param(m.zeros(new Shape(d)));
    }

    NDArray apply(NDArray x) {
      return x.getNDArrayInternal().layerNorm(x, new Shape(d), gain, bias, 1e-5f).singletonOrThrow();
    }
  }

  private final class Block {
    final Norm attnNorm;
    final Linear q;
    final Linear k;
    final Linear v;
    final Norm ffnNorm;
    final Linear ffnIn;
    final Linear ffnOut;

    Block(NDManager m, SplittableRandom rng) {
      attnNorm = new Norm(m);
      q = new Linear(m, rng, d, d);
      k = new Linear(m, rng, d, d);
      v = new Linear(m, rng, d, d);
      ffnNorm = new Norm(m);
      ffnIn = new Linear(m, rng, d, d);
      ffnOut = new Linear(m, rng, d, d);
    }

    NDArray apply(NDArray x, NDArray bias, NDArray valid) {
      long batch = x.getShape().get(0);
      NDArray queries = attnNorm.apply(x);
      NDArray logits = split(q.apply(queries)).matMul(split(k.apply(x)).transpose(0, 1, 3, 2)).mul(1 / Math.sqrt(d / heads)).add(bias);
      NDArray attended = logits.softmax(-1).matMul(split(v.apply(x))).transpose(0, 2, 1, 3).reshape(batch, len, d);
      NDArray y = ffnNorm.apply(queries.add(drop(attended)));
      return y.add(drop(ffnOut.apply(drop(ffnIn.apply(y).getNDArrayInternal().relu())))).mul(valid);
    }

    private NDArray split(NDArray x) {
      return x.reshape(x.getShape().get(0), len, heads, d / heads).transpose(0, 2, 1, 3);
    }
  }

  private NDArray drop(NDArray x) {
    return x.getNDArrayInternal().dropout(x, dropout, true).singletonOrThrow();
  }

  /** One Adam step on a batch of windows; returns the loss. */
  private float step(NDManager m, int[] tokens, int[] targets, int batch) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray tok = m.create(tokens, new Shape(batch, len)).toType(DataType.INT64, false);
      int[] rows = java.util.stream.IntStream.range(0, targets.length).filter(p -> targets[p] >= 0).toArray();
      NDArray selected = m.create(Arrays.stream(rows).mapToLong(p -> p).toArray());
      NDArray labels = m.create(Arrays.stream(rows).mapToLong(p -> targets[p]).toArray());
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray valid = tok.neq(numItems).toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray embedded = tok.getNDArrayInternal().embedding(tok, items, SparseFormat.DENSE).singletonOrThrow();
        NDArray x = drop(embedded.mul(Math.sqrt(d)).add(positions)).mul(valid);
        NDArray bias = valid.squeeze(-1).neg().add(1).mul(FORBIDDEN).reshape(batch, 1, 1, len).add(causal);
        for (Block b : blocks) x = b.apply(x, bias, valid);
        NDArray h = finalNorm.apply(x).reshape(-1, d).get(selected);
        // Only target positions meet the item table, as in the other two implementations.
        NDArray logits = h.matMul(items.get(new NDIndex("0:" + numItems)).transpose()).add(itemBias);
        NDArray nll = logits.logSoftmax(-1).get(new NDIndex().addAllDim().addPickDim(labels)).neg().mean();
        gc.backward(nll);
        loss = nll.getFloat();
      }
      adam.step();
      return loss;
    }
  }

  /** torch.optim.Adam's update (β 0.9, 0.999, ε 1e-8), in place; its moments live outside the step scopes. */
  private static final class Adam {
    private final List<NDArray> params;
    private final List<NDArray[]> moments = new ArrayList<>();
    private final double lr;
    private int t;

    Adam(NDManager m, List<NDArray> params, double lr) {
      this.params = params;
      this.lr = lr;
      for (NDArray p : params) moments.add(new NDArray[] {m.zeros(p.getShape()), m.zeros(p.getShape())});
    }

    void step() {
      t++;
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = Math.sqrt(1 - Math.pow(0.999, t));
      for (int i = 0; i < params.size(); i++) {
        NDArray w = params.get(i);
        NDArray g = w.getGradient();
        NDArray[] mv = moments.get(i);
        mv[0].muli(0.9).addi(g.mul(0.1));
        mv[1].muli(0.999).addi(g.mul(g).muli(0.001));
        w.subi(mv[0].div(mv[1].sqrt().divi(c2).addi(1e-8)).muli(lr / c1));
        g.muli(0);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Dataset data = DatasetLoader.load(Path.of(args[0]));
    int epochs = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    int d = Integer.parseInt(args[3]);
    int len = Integer.parseInt(args[4]);
    Interactions x = data.interactions();
    Engine.getInstance().setRandomSeed(0);
    SplittableRandom rng = new SplittableRandom(0);
    try (NDManager m = NDManager.newBaseManager()) {
      SasRecDjl model = new SasRecDjl(m, x, d, len, Integer.parseInt(args[5]), Integer.parseInt(args[6]), Float.parseFloat(args[7]), Double.parseDouble(args[8]), rng);
      long[] windows = windows(x, len);
      double[] times = new double[epochs];
      double[] cpu = new double[epochs];
      StringBuilder log = new StringBuilder();
      for (int e = 0; e < epochs; e++) {
        long start = System.nanoTime();
        double cpuStart = cpuSeconds();
        shuffle(windows, rng);
        double total = 0;
        int steps = 0;
        for (int from = 0; from < windows.length; from += batch) {
          int size = Math.min(batch, windows.length - from);
          int[] tokens = new int[size * len];
          int[] targets = new int[size * len];
          Arrays.fill(tokens, x.numItems());
          Arrays.fill(targets, -1);
          for (int r = 0; r < size; r++) fill(x, windows[from + r], len, tokens, targets, r);
          total += model.step(m, tokens, targets, size);
          steps++;
        }
        times[e] = (System.nanoTime() - start) / 1e9;
        cpu[e] = cpuSeconds() - cpuStart;
        log.append(String.format(Locale.ROOT, " %.2f s (cpu %.1f s, loss %.3f)", times[e], cpu[e], total / steps));
      }
      System.out.println("djl " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion() + ", " + windows.length + " windows; epochs:" + log);
      System.out.printf(Locale.ROOT, "RESULT epoch_seconds=%.3f cpu_seconds=%.3f peak_rss_mb=%d%n", median(times), median(cpu), peakRssKb() / 1024);
    }
  }

  /** (user, end) of each user's consecutive windows of len + 1 items ending at the latest, as the other two. */
  private static long[] windows(Interactions x, int len) {
    List<Long> out = new ArrayList<>();
    for (int u = 0; u < x.numUsers(); u++) {
      for (int end = x.end(u); end - x.start(u) >= 2; end -= len) out.add((long) u << 32 | end);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Row r: the window's inputs left-padded, each position's target the item after it. */
  private static void fill(Interactions x, long window, int len, int[] tokens, int[] targets, int r) {
    int user = (int) (window >>> 32);
    int end = (int) window;
    int n = Math.min(len, end - 1 - x.start(user));
    for (int k = 0; k < n; k++) {
      tokens[r * len + len - n + k] = x.item(end - 1 - n + k);
      targets[r * len + len - n + k] = x.item(end - n + k);
    }
  }

  private static void shuffle(long[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double cpuSeconds() {
    return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
  }

  private static long peakRssKb() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    return -1;
  }
}
