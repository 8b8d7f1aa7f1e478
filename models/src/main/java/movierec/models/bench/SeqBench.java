package movierec.models.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.DatasetWriter;
import movierec.core.model.EpochListener;
import movierec.core.model.TrainContext;
import movierec.models.ModelRegistry;
import movierec.models.sasrec.SasRec;
import movierec.models.sasrec.SasRecParams;

/**
 * Benchmark (not a test): SASRec training epoch time and peak memory, then the PyTorch CPU reference
 * ({@code models/bench/sasrec_torch.py}: the same architecture, sizes, batch, windows and loss) on the
 * same ratings, and the ratio of median epoch times. Run by {@code movierec bench seq}.
 */
public final class SeqBench {
  private SeqBench() {}

  /**
   * @param data the dataset to train on
   * @param overrides SASRec params over its defaults (snake_case names)
   * @param python interpreter for the reference, or null for the project's .venv-bench (created when missing)
   */
  public static void run(Dataset data, Map<String, ?> overrides, int epochs, boolean torch, String python) throws Exception {
    System.out.printf(Locale.ROOT, "data: %d users x %d items, %d interactions%n", data.numUsers(), data.numItems(), data.interactions().size());
    SasRecParams p = (SasRecParams) ModelRegistry.get("sasrec").params(overrides);
    System.out.println("sasrec " + ModelRegistry.get("sasrec").describe(cast(p)));
    List<Double> times = new ArrayList<>();
    long[] last = {System.nanoTime()};
    EpochListener timer = (epoch, loss) -> {
      long now = System.nanoTime();
      times.add((now - last[0]) / 1e9);
      System.out.printf(Locale.ROOT, "nd4j epoch %d: %.2f s, loss %.4f%n", epoch, times.get(times.size() - 1), loss);
      last[0] = System.nanoTime();
      return new EpochListener.Outcome(false, false);
    };
    new SasRec(p).fit(new TrainContext(data.interactions(), data.side(), 42, epochs, epochs, timer));
    double nd4j = median(times);
    System.out.printf(Locale.ROOT, "RESULT nd4j epoch_seconds=%.3f peak_rss_mb=%d%n", nd4j, MultVaeBench.peakRssKb() / 1024);
    if (!torch) return;

    Path root = MultVaeBench.projectRoot();
    Path dir = Files.createTempDirectory("seq-bench");
    try {
      DatasetWriter.write(data, dir);
      String py = python != null ? python : MultVaeBench.venvPython(root);
      List<String> out = MultVaeBench.run(List.of(py, root.resolve("models/bench/sasrec_torch.py").toString(),
          "--ratings", dir.resolve(DatasetLoader.RATINGS).toString(), "--epochs", String.valueOf(epochs), "--batch", String.valueOf(p.batchSize()),
          "--hidden", String.valueOf(p.hidden()), "--max-len", String.valueOf(p.maxLen()), "--blocks", String.valueOf(p.blocks()),
          "--heads", String.valueOf(p.heads()), "--dropout", String.valueOf(p.dropout()), "--lr", String.valueOf(p.learningRate())));
      double reference = out.stream().filter(l -> l.startsWith("RESULT")).map(l -> Double.parseDouble(l.replaceAll(".*epoch_seconds=([0-9.]+).*", "$1")))
          .findFirst().orElseThrow(() -> new IllegalStateException("the PyTorch reference printed no RESULT line"));
      System.out.printf(Locale.ROOT, "RATIO nd4j/torch epoch time = %.2f (target <= 1.0)%n", nd4j / reference);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <P extends Record> P cast(Record r) {
    return (P) r;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
