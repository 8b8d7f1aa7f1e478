package movierec.runners.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.model.ModelFamily;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.core.train.EpochSink;
import movierec.core.train.RunDefaults;
import movierec.core.train.Trainer;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;
import movierec.runners.trial.DatasetSpec;

/**
 * Trains families at their defaults on one dataset with the standard hold-out split and prints a
 * table of validation Recall@10 and NDCG@10 beside MostPopular and EASE: what a team reads to pick
 * what to sweep. Each family runs in its own JVM, so its peak memory is its own, a crash or an
 * out-of-memory error costs one row, and a family over the time limit is killed (its row then shows its best
 * epoch so far, marked as cut).
 */
public final class QualityBench {
  /** The references every table is read against; they run first even when not asked for. */
  public static final List<String> REFERENCES = List.of("mostpop", "ease");
  private static final String RESULT = "QUALITY-RESULT\t";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The child's per-epoch line (see {@link #main}): epoch, recall@10, ndcg@10. */
  private static final Pattern EPOCH_LINE = Pattern.compile("^epoch +(\\d+) .*recall@10 ([0-9.]+) +ndcg@10 ([0-9.]+)");

  /**
   * @param split the hold-out (its seed also seeds the models)
   * @param overrides per family, params that replace its defaults (none: the defaults, which is the point)
   * @param timeoutSeconds wall-clock limit per family (its JVM is killed after it)
   */
  public record Settings(DatasetSpec dataset, List<String> families, SplitProtocol split, Map<String, Map<String, Object>> overrides, int maxEpochs,
      int patience, long timeoutSeconds) {
    public Settings {
      overrides = Map.copyOf(overrides);
    }

    public Settings(DatasetSpec dataset, List<String> families, long seed, int maxEpochs, int patience, long timeoutSeconds) {
      this(dataset, families, QualityBench.split(seed), Map.of(), maxEpochs, patience, timeoutSeconds);
    }
  }

  /**
   * One family's figures, or why there are none.
   *
   * @param epochs epochs run (0 for closed-form families)
   * @param bestEpoch the epoch whose weights were kept
   * @param peakMb the JVM's peak resident memory (VmHWM), -1 where /proc is missing
   * @param cut why training was stopped before it ended (the time limit), null when it ran its course: the
   *     figures are then its best epoch so far, a lower bound
   */
  public record Row(String family, double recall, double ndcg, int epochs, int bestEpoch, double seconds, long peakMb, String failure, String cut) {
    Row(String family, double recall, double ndcg, int epochs, int bestEpoch, double seconds, long peakMb, String failure) {
      this(family, recall, ndcg, epochs, bestEpoch, seconds, peakMb, failure, null);
    }

    static Row failed(String family, String why, double seconds) {
      return new Row(family, Double.NaN, Double.NaN, 0, 0, seconds, -1, why);
    }

    String encode() {
      return String.join("\t", family, Double.toString(recall), Double.toString(ndcg), Integer.toString(epochs),
          Integer.toString(bestEpoch), Double.toString(seconds), Long.toString(peakMb));
    }

    static Row decode(String line) {
      String[] f = line.split("\t");
      return new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
          Double.parseDouble(f[5]), Long.parseLong(f[6]), null);
    }
  }

  private QualityBench() {}

  /** The families to run: references first, then those asked for (all registered ones when none). */
  public static List<String> families(List<String> asked) {
    LinkedHashSet<String> names = new LinkedHashSet<>(REFERENCES);
    if (asked.isEmpty()) ModelRegistry.all().forEach(f -> names.add(f.name()));
    for (String name : asked) names.add(ModelRegistry.get(name).name()); // an unknown name fails before anything runs
    return List.copyOf(names);
  }

  public static SplitProtocol split(long seed) {
    return SplitProtocol.holdout(seed);
  }

  /** Trains one family at its defaults on the standard split's training part, in this JVM. */
  public static Row measure(DatasetSpec dataset, String familyName, long seed, int maxEpochs, int patience) {
    return measure(dataset, familyName, split(seed), Map.of(), maxEpochs, patience, EpochSink.NONE);
  }

  /** Trains one family at its defaults, {@code overrides} aside, on {@code protocol}'s training part, in this JVM. */
  public static Row measure(DatasetSpec dataset, String familyName, SplitProtocol protocol, Map<String, ?> overrides, int maxEpochs, int patience,
      EpochSink progress) {
    ModelFamily<?> family = ModelRegistry.get(familyName);
    Dataset data = dataset.load();
    Split split = protocol.apply(data.interactions());
    TrainingPlan plan = new TrainingPlan(CandidateFilters.SEEN_ONLY, Metric.parse(RunDefaults.METRIC), TrainingPlan.DEFAULT_DEPTH, protocol.seed(), maxEpochs,
        patience);
    Trainer.Validated v = Trainer.validate(family.create(overrides), data, split, plan, progress);
    return new Row(familyName, v.evaluation().recall(), v.evaluation().ndcg(), v.epochs(), v.bestEpoch(), v.fitSeconds(), peakResidentMb(), null);
  }

  /** Runs every family in a child JVM and prints the table as rows arrive, then the whole table sorted. */
  public static List<Row> run(Settings s, PrintStream out) throws IOException, InterruptedException {
    List<String> names = families(s.families());
    Dataset data = s.dataset().load();
    out.printf("quality at defaults on %s (%,d users, %,d items, %,d interactions), split %s, max %d epochs, patience %d, limit %d s per family%n",
        s.dataset().label(), data.numUsers(), data.numItems(), data.interactions().size(), s.split(), s.maxEpochs(), s.patience(),
        s.timeoutSeconds());
    s.overrides().forEach((family, params) -> out.printf("not at defaults: %s %s%n", family, params));
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      Row row = inChild(s, name);
      rows.add(row);
      out.println(format(row, rows) + "   (" + rows.size() + "/" + names.size() + ")");
    }
    out.println();
    out.println(table(rows));
    return rows;
  }

  private static Row inChild(Settings s, String family) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), QualityBench.class.getName(), datasetArg(s.dataset()), family,
        Integer.toString(s.split().last()), Integer.toString(s.split().random()), Long.toString(s.split().seed()), Integer.toString(s.maxEpochs()),
        Integer.toString(s.patience()), JSON.writeValueAsString(s.overrides().getOrDefault(family, Map.of()))));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> tail = new ArrayList<>();
    Row[] found = new Row[1];
    // The best epoch so far, for a family cut by the limit: [epoch, recall, ndcg, epochs seen].
    double[] best = {0, -1, 0, 0};
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          Matcher epoch = EPOCH_LINE.matcher(line);
          if (line.startsWith(RESULT)) found[0] = Row.decode(line.substring(RESULT.length()));
          else if (epoch.find()) {
            best[3] = Integer.parseInt(epoch.group(1));
            if (Double.parseDouble(epoch.group(2)) > best[1]) {
              best[0] = best[3];
              best[1] = Double.parseDouble(epoch.group(2));
              best[2] = Double.parseDouble(epoch.group(3));
            }
          } else if (!line.isBlank()) {
            tail.add(line);
            if (tail.size() > 3) tail.remove(0);
          }
        }
      } catch (IOException ignored) {
        // the child is gone; what it printed so far is what there is
      }
    });
    reader.start();
    boolean finished = p.waitFor(s.timeoutSeconds(), TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!finished) {
      long peakMb = peakResidentMb(Path.of("/proc", Long.toString(p.pid()), "status"));
      p.destroyForcibly().waitFor();
      reader.join();
      String cut = "cut at the " + s.timeoutSeconds() + " s limit";
      if (best[0] == 0) return Row.failed(family, cut + " before its first epoch ended", seconds);
      return new Row(family, best[1], best[2], (int) best[3], (int) best[0], seconds, peakMb, null, cut);
    }
    reader.join();
    if (found[0] != null) return found[0];
    return Row.failed(family, "exit " + p.exitValue() + (tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1)), seconds);
  }

  private static String datasetArg(DatasetSpec d) {
    return d.path() != null ? "path:" + d.path() : "synthetic:" + d.synthetic() + ":" + d.seed();
  }

  private static DatasetSpec parseDataset(String arg) {
    if (arg.startsWith("path:")) return DatasetSpec.folder(Path.of(arg.substring(5)));
    String[] f = arg.split(":");
    return DatasetSpec.synthetic(f[1], Long.parseLong(f[2]));
  }

  /** Child entry point: dataset family last random seed maxEpochs patience overrides-as-JSON; prints one result line. */
  public static void main(String[] args) throws IOException {
    SplitProtocol protocol = new SplitProtocol(SplitProtocol.HOLDOUT, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
    Map<String, Object> overrides = JSON.readValue(args[7], new TypeReference<Map<String, Object>>() {});
    // The parent keeps only result lines and the last few others; the epochs are for whoever runs a child by hand.
    EpochSink progress = (epoch, loss, e, seconds) -> {
      System.out.printf("epoch %3d  loss %10.4f  recall@10 %.4f  ndcg@10 %.4f  (%.1fs)%n", epoch, loss, e.recall(), e.ndcg(), seconds);
      return null;
    };
    Row row = measure(parseDataset(args[0]), args[1], protocol, overrides, Integer.parseInt(args[5]), Integer.parseInt(args[6]), progress);
    System.out.println(RESULT + row.encode());
    System.out.flush();
    // ND4J's and Quartz's non-daemon threads must not keep a finished child alive.
    System.exit(0);
  }

  /** Peak resident set of this JVM in MB (heap, off-heap tensors and natives alike). */
  static long peakResidentMb() {
    return peakResidentMb(Path.of("/proc/self/status"));
  }

  /** Peak resident set in MB from a /proc status file, -1 where there is none. */
  private static long peakResidentMb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }

  static String header() {
    return String.format("%-12s %9s %9s %7s %7s %8s %7s %9s %8s", "family", "recall@10", "ndcg@10", "x mostp", "x ease", "epochs", "best", "seconds",
        "peak MB");
  }

  /** One row with its ratios to the references measured so far. */
  static String format(Row r, List<Row> measured) {
    if (r.failure() != null) return String.format("%-12s %s (%.0f s)", r.family(), "FAILED: " + r.failure(), r.seconds());
    return String.format("%-12s %9.4f %9.4f %7s %7s %8s %7s %9.1f %8s", r.family(), r.recall(), r.ndcg(), ratio(r, measured, "mostpop"),
        ratio(r, measured, "ease"), r.epochs() > 0 ? Integer.toString(r.epochs()) : "-", r.bestEpoch() > 0 ? Integer.toString(r.bestEpoch()) : "-",
        r.seconds(), r.peakMb() >= 0 ? Long.toString(r.peakMb()) : "-") + (r.cut() == null ? "" : "   (" + r.cut() + ": at least this)");
  }

  private static String ratio(Row r, List<Row> measured, String reference) {
    return measured.stream().filter(m -> m.family().equals(reference) && m.failure() == null && m.recall() > 0).findFirst()
        .map(m -> String.format("%.2f", r.recall() / m.recall())).orElse("-");
  }

  /** The whole table, best Recall@10 first, failures last; ratios are of Recall@10. */
  public static String table(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Double.compare(b.failure() == null ? b.recall() : -1, a.failure() == null ? a.recall() : -1));
    StringBuilder sb = new StringBuilder(header()).append('\n');
    for (Row r : sorted) sb.append(format(r, rows)).append('\n');
    return sb.toString().stripTrailing();
  }
}
