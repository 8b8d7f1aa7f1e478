package movierec.models.bench;

import java.lang.management.ManagementFactory;
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
import movierec.core.model.ModelFamily;
import movierec.core.model.TrainContext;
import movierec.models.ModelRegistry;
import movierec.models.seq.Torch;

/**
 * Benchmark (not a test): a sequential family's training epoch time (wall and process CPU seconds) and peak
 * memory, then the PyTorch CPU reference ({@code models/bench/seq_torch.py}: the same architecture, sizes, batch,
 * windows and loss) on the same ratings, and the ratios of median epoch times. movierec trains in DJL's PyTorch
 * engine (see {@code seq/Torch}), so both sides run libtorch. Run by {@code movierec bench seq}.
 */
public final class SeqBench {
  /** Families with a reference in seq_torch.py (S3Rec fine-tunes SASRec's encoder: its epoch is SASRec's). */
  public static final List<String> FAMILIES = List.of("sasrec", "gru4rec", "bert4rec");

  private SeqBench() {}

  /** Median wall and CPU seconds of an epoch, and peak RSS in MB. */
  private record Figures(double wall, double cpu, long peakMb) {
    static Figures parse(List<String> lines, String side) {
      String line = lines.stream().filter(l -> l.startsWith("RESULT")).findFirst()
          .orElseThrow(() -> new IllegalStateException(side + " printed no RESULT line"));
      return new Figures(field(line, "epoch_seconds"), field(line, "cpu_seconds"), (long) field(line, "peak_rss_mb"));
    }

    private static double field(String line, String name) {
      return Double.parseDouble(line.replaceAll(".*" + name + "=([0-9.]+).*", "$1"));
    }
  }

  /**
   * @param data the dataset to train on
   * @param family one of {@link #FAMILIES}
   * @param overrides the family's params over its defaults (snake_case names)
   * @param python interpreter for the reference, or null for the project's .venv-bench (created when missing)
   */
  public static void run(Dataset data, String family, Map<String, ?> overrides, int epochs, boolean torch, String python) throws Exception {
    if (!FAMILIES.contains(family)) throw new IllegalArgumentException("bench seq knows " + String.join(", ", FAMILIES) + ", not '" + family + "'");
    System.out.printf(Locale.ROOT, "data: %d users x %d items, %d interactions%n", data.numUsers(), data.numItems(), data.interactions().size());
    ModelFamily<?> f = ModelRegistry.get(family);
    Map<String, Object> p = f.resolve(overrides);
    System.out.println(family + " " + p + "; " + Torch.describe());
    List<Double> times = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    double[] last = {System.nanoTime(), cpuSeconds()};
    EpochListener timer = (epoch, loss) -> {
      times.add((System.nanoTime() - last[0]) / 1e9);
      cpu.add(cpuSeconds() - last[1]);
      System.out.printf(Locale.ROOT, "movierec epoch %d: %.2f s (cpu %.1f s), loss %.4f%n", epoch, times.get(times.size() - 1), cpu.get(cpu.size() - 1), loss);
      last[0] = System.nanoTime();
      last[1] = cpuSeconds();
      return new EpochListener.Outcome(false, false);
    };
    f.create(overrides).fit(new TrainContext(data.interactions(), data.side(), 42, epochs, epochs, timer));
    Figures movierec = new Figures(median(times), median(cpu), MultVaeBench.peakRssKb() / 1024);
    System.out.printf(Locale.ROOT, "RESULT movierec %s epoch_seconds=%.3f cpu_seconds=%.3f peak_rss_mb=%d%n", family, movierec.wall(), movierec.cpu(), movierec.peakMb());
    if (!torch) return;

    Path root = MultVaeBench.projectRoot();
    Path dir = Files.createTempDirectory("seq-bench");
    try {
      DatasetWriter.write(data, dir);
      int blocks = ((Number) p.getOrDefault("blocks", p.get("layers"))).intValue();
      int heads = ((Number) p.getOrDefault("heads", 1)).intValue();
      List<String> shapes = List.of(String.valueOf(epochs), String.valueOf(p.get("batch_size")), String.valueOf(p.get("hidden")), String.valueOf(p.get("max_len")),
          String.valueOf(blocks), String.valueOf(heads), String.valueOf(p.get("dropout")), String.valueOf(p.get("learning_rate")));
      List<String> rows = new ArrayList<>();
      rows.add(row("movierec (DJL)", movierec, null));
      String py = python != null ? python : MultVaeBench.venvPython(root);
      List<String> command = new ArrayList<>(List.of(py, root.resolve("models/bench/seq_torch.py").toString(), "--family", family,
          "--ratings", dir.resolve(DatasetLoader.RATINGS).toString(), "--epochs", shapes.get(0), "--batch", shapes.get(1), "--hidden", shapes.get(2),
          "--max-len", shapes.get(3), "--blocks", shapes.get(4), "--heads", shapes.get(5), "--dropout", shapes.get(6), "--lr", shapes.get(7)));
      if (p.containsKey("mask_probability")) command.addAll(List.of("--mask", String.valueOf(p.get("mask_probability"))));
      if (Boolean.TRUE.equals(p.get("mask_latest"))) command.add("--mask-latest");
      Figures reference = Figures.parse(MultVaeBench.run(command), "the PyTorch reference");
      rows.add(row("pytorch (python)", reference, reference));
      System.out.printf(Locale.ROOT, "%-22s %10s %10s %9s %12s %11s%n", family + " epoch", "wall s", "cpu s", "peak MB", "wall/torch", "cpu/torch");
      rows.forEach(System.out::println);
      System.out.printf(Locale.ROOT, "RATIO %s movierec/torch epoch time = %.2f wall, %.2f cpu (target <= 1.0)%n", family, movierec.wall() / reference.wall(),
          movierec.cpu() / reference.cpu());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(file -> file.toFile().delete());
      }
    }
  }

  private static String row(String side, Figures f, Figures reference) {
    String ratios = reference == null ? String.format(Locale.ROOT, "%12s %11s", "", "")
        : String.format(Locale.ROOT, "%12.2f %11.2f", f.wall() / reference.wall(), f.cpu() / reference.cpu());
    return String.format(Locale.ROOT, "%-22s %10.2f %10.2f %9d %s", side, f.wall(), f.cpu(), f.peakMb(), ratios);
  }

  private static double cpuSeconds() {
    return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
