package movierec.models.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.model.EpochListener;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.ModelRegistry;
import movierec.models.deepfm.DeepFmParams;
import movierec.models.features.ItemFeatures;

/**
 * Benchmark (not a test): training epoch time of the feature-based families (FM, FFM, DeepFM) at their
 * defaults, wall and process CPU seconds (on a shared machine the wall figure mostly measures the other
 * jobs). With the PyTorch reference on, DeepFM then trains in PyTorch on the CPU ({@code
 * models/bench/deepfm_torch.py}: the same model, feature encoding, batches, loss and optimizer) and the
 * ratio of median epoch times is printed. Run by {@code movierec bench fm}.
 */
public final class FeatureBench {
  private FeatureBench() {}

  /** Median epoch figures of one family. */
  public record Result(String family, double wallSeconds, double cpuSeconds) {}

  /**
   * @param overrides per family, params over its defaults (snake_case names)
   * @param python interpreter for the reference, or null for the project's .venv-bench (created when missing)
   */
  public static List<Result> run(Dataset data, List<String> families, Map<String, Map<String, Object>> overrides, int epochs, boolean torch, String python)
      throws Exception {
    System.out.printf(Locale.ROOT, "data: %d users x %d items, %d interactions%n", data.numUsers(), data.numItems(), data.interactions().size());
    List<Result> results = new ArrayList<>();
    for (String family : families) {
      Map<String, Object> set = overrides.getOrDefault(family, Map.of());
      System.out.println(family + " " + ModelRegistry.get(family).resolve(set));
      Model model = ModelRegistry.get(family).create(set);
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      long[] last = {System.nanoTime(), cpuNanos()};
      EpochListener timer = (epoch, loss) -> {
        long now = System.nanoTime();
        long cpuNow = cpuNanos();
        wall.add((now - last[0]) / 1e9);
        cpu.add((cpuNow - last[1]) / 1e9);
        System.out.printf(Locale.ROOT, "%s epoch %d: %.2f s wall, %.2f s cpu, loss %.4f%n", family, epoch, wall.get(wall.size() - 1), cpu.get(cpu.size() - 1), loss);
        last[0] = System.nanoTime();
        last[1] = cpuNanos();
        return new EpochListener.Outcome(false, false);
      };
      model.fit(new TrainContext(data.interactions(), data.side(), 42, epochs, epochs, timer));
      Result r = new Result(family, MultVaeBench.median(wall), MultVaeBench.median(cpu));
      System.out.printf(Locale.ROOT, "RESULT %s epoch_seconds=%.3f cpu_seconds=%.3f%n", family, r.wallSeconds(), r.cpuSeconds());
      results.add(r);
    }
    System.out.printf(Locale.ROOT, "peak_rss_mb=%d%n", MultVaeBench.peakRssKb() / 1024);
    Result deepfm = results.stream().filter(r -> r.family().equals("deepfm")).findFirst().orElse(null);
    if (torch && deepfm != null) {
      DeepFmParams p = (DeepFmParams) ModelRegistry.get("deepfm").params(overrides.getOrDefault("deepfm", Map.of()));
      Path root = MultVaeBench.projectRoot();
      Path dir = Files.createTempDirectory("deepfm-bench");
      try {
        writeEncoding(data, dir);
        String py = python != null ? python : MultVaeBench.venvPython(root);
        List<String> out = MultVaeBench.run(List.of(py, root.resolve("models/bench/deepfm_torch.py").toString(), "--dir", dir.toString(),
            "--epochs", String.valueOf(epochs), "--batch", String.valueOf(p.batchSize()), "--negatives", String.valueOf(p.negatives()),
            "--factors", String.valueOf(p.factors()), "--hidden1", String.valueOf(p.hidden1()), "--hidden2", String.valueOf(p.hidden2()),
            "--lr", String.valueOf(p.learningRate()), "--reg", String.valueOf(p.regularization())));
        String line = out.stream().filter(l -> l.startsWith("RESULT")).findFirst()
            .orElseThrow(() -> new IllegalStateException("the PyTorch reference printed no RESULT line"));
        double wall = Double.parseDouble(line.replaceAll(".*epoch_seconds=([0-9.]+).*", "$1"));
        double cpu = Double.parseDouble(line.replaceAll(".*cpu_seconds=([0-9.]+).*", "$1"));
        System.out.printf(Locale.ROOT, "RATIO deepfm java/torch epoch time = %.2f wall, %.2f cpu (target <= 1.0)%n", deepfm.wallSeconds() / wall,
            deepfm.cpuSeconds() / cpu);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
      }
    }
    return results;
  }

  /**
   * The feature encoding the families train on, for the reference: {@code features.txt} (a line of users,
   * items and features, then per item its {@code field,feature,weight} entries) and {@code train.txt}
   * ({@code user item} per interaction, 0-based).
   */
  private static void writeEncoding(Dataset data, Path dir) throws IOException {
    ItemFeatures fs = ItemFeatures.of(data.numUsers(), data.numItems(), data.side());
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("features.txt"))) {
      w.write(fs.numUsers() + " " + fs.numItems() + " " + fs.numFeatures() + "\n");
      for (int i = 0; i < fs.numItems(); i++) {
        StringBuilder line = new StringBuilder();
        for (int e = fs.start(i); e < fs.end(i); e++) {
          if (line.length() > 0) line.append(' ');
          line.append(fs.field(e)).append(',').append(fs.feature(e)).append(',').append(fs.weight(e));
        }
        w.write(line + "\n");
      }
    }
    Interactions x = data.interactions();
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("train.txt"))) {
      for (int u = 0; u < x.numUsers(); u++) {
        for (int e = x.start(u); e < x.end(u); e++) w.write(u + " " + x.item(e) + "\n");
      }
    }
  }

  /** CPU time of every thread of this process, OpenBLAS's included. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
