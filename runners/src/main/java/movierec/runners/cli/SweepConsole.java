package movierec.runners.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import movierec.core.model.ModelFamily;
import movierec.models.ModelRegistry;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.TrialOutcome;
import movierec.runners.sweep.TrialProgress;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingException;

/**
 * What {@code sweep} says while it runs: a line per finished trial (name, status, metric, best epoch,
 * duration, the params that differ from the family's defaults, or the failure's reason), the epochs of
 * running trials with an ETA from their epoch times, and the overall progress counting each running
 * trial's epochs, not only finished trials. On a terminal that is a redrawn bar with the lines above
 * it; elsewhere (a file, a CI log) plain lines only, and a long trial's epoch line at most every
 * {@link #EPOCH_LINE_EVERY}.
 */
final class SweepConsole implements SweepRunner.Listener, TrialProgress.Listener, AutoCloseable {
  static final Duration EPOCH_LINE_EVERY = Duration.ofSeconds(30);
  /** Bar units per trial, so that a running trial's epochs move the bar. */
  private static final int UNITS = 1000;
  /** The tag a pruned trial carries and the metric of the epochs a trial ran. */
  static final String PRUNED_TAG = RunKeys.PRUNED;
  static final String EPOCHS_RUN_METRIC = RunKeys.EPOCHS_RUN;

  /**
   * One finished, failed, killed or pruned trial as the console and {@code --format json} show it.
   *
   * @param metric null unless FINISHED
   * @param bestEpoch null for closed-form families and trials that did not finish
   * @param pruned why the pruner stopped it, null when it was not pruned
   */
  record TrialLine(String name, String runId, String family, RunStatus status, Map<String, String> params, Double metric, Integer bestEpoch,
      Integer epochsRun, double seconds, String reason, String pruned) {
    boolean complete() {
      return status == RunStatus.FINISHED && pruned == null;
    }

    String statusText() {
      return pruned != null ? "PRUNED" : status.name();
    }

    String paramsText() {
      return params.isEmpty() ? "defaults" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
  }

  /** A trial that reported its start in this process and has not ended. */
  private static final class Running {
    final long startNanos;
    int maxEpochs;
    int epochs;
    long lastEpochNanos;
    long lastPrintNanos;

    Running(long now, int maxEpochs) {
      this.startNanos = now;
      this.lastEpochNanos = now;
      this.lastPrintNanos = now;
      this.maxEpochs = maxEpochs;
    }

    double fraction() {
      return maxEpochs <= 0 ? 0 : Math.min(1.0, (double) epochs / maxEpochs);
    }

    /** Mean wall time per epoch so far (training, validation and logging), times the epochs still allowed. */
    Optional<Duration> eta() {
      if (epochs == 0) return Optional.empty();
      double perEpoch = (lastEpochNanos - startNanos) / 1e9 / epochs;
      return Optional.of(Duration.ofMillis(Math.round(perEpoch * Math.max(0, maxEpochs - epochs) * 1000)));
    }
  }

  private final PrintStream out;
  private final String metric;
  private final Function<String, RunInfo> runs;
  private final LongSupplier nanos;
  private final long startNanos;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<TrialLine> lines = new ArrayList<>();
  private final TerminalBar terminal;
  private final ProgressBar bar;
  private int total;
  private int done;

  /**
   * @param runs reads a trial's run (its params, best epoch, duration) when it ends
   * @param terminal redraw a bar (a terminal), or print lines only
   */
  SweepConsole(PrintStream out, boolean terminal, int total, String metric, Function<String, RunInfo> runs,
      LongSupplier nanos) {
    this.out = out;
    this.metric = metric;
    this.runs = runs;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
    this.total = total;
    if (terminal) {
      this.terminal = new TerminalBar(out);
      this.bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax((long) total * UNITS).setUnit(" trials", UNITS)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(this.terminal).continuousUpdate().build();
    } else {
      this.terminal = null;
      this.bar = null;
    }
  }

  /** Prints a line (above the bar on a terminal). */
  synchronized void println(String line) {
    if (terminal != null) terminal.printAbove(line);
    else out.println(line);
  }

  @Override
  public synchronized void trialStarted(String runName, String family, int maxEpochs) {
    running.put(runName, new Running(nanos.getAsLong(), maxEpochs));
    redraw();
  }

  @Override
  public synchronized void epochDone(String runName, int epoch, int maxEpochs) {
    long now = nanos.getAsLong();
    Running r = running.computeIfAbsent(runName, n -> new Running(now, maxEpochs));
    r.epochs = epoch;
    r.maxEpochs = maxEpochs;
    r.lastEpochNanos = now;
    if (terminal == null && now - r.lastPrintNanos >= EPOCH_LINE_EVERY.toNanos()) {
      r.lastPrintNanos = now;
      out.println("  " + runName + " " + epochText(r) + sweepEtaText());
    }
    redraw();
  }

  @Override
  public synchronized void trialDone(TrialOutcome outcome, int done, int total, double best) {
    this.done = done;
    this.total = Math.max(this.total, total);
    running.remove(outcome.runName());
    TrialLine line = line(outcome);
    lines.add(line);
    // On a terminal the bar shows the time left.
    println(String.format(Locale.ROOT, "[%" + Integer.toString(this.total).length() + "d/%d] %s%s", done, this.total, format(line),
        done < this.total && terminal == null ? sweepEtaText() : ""));
    redraw();
  }

  @Override
  public synchronized void resumed(String sweepId, int finished, int all, int staleClosed) {
    println(String.format("resuming sweep %s: %d of %d trials finished, %d stale run%s closed", sweepId, finished, all, staleClosed,
        staleClosed == 1 ? "" : "s"));
  }

  /** Every trial line so far, in finishing order. */
  synchronized List<TrialLine> lines() {
    return List.copyOf(lines);
  }

  /**
   * The best trial that ran to its end (pruned trials stopped early and do not compete); a sweep's
   * metric is better when higher (the sweep file refuses {@code minimize}).
   */
  synchronized Optional<TrialLine> best() {
    return lines.stream().filter(TrialLine::complete).filter(l -> l.metric() != null && !l.metric().isNaN())
        .max(Comparator.comparingDouble(TrialLine::metric));
  }

  /** Overall progress: finished trials plus each running trial's share of its epochs. */
  synchronized double progress() {
    if (total == 0) return 1;
    return Math.min(1.0, (done + running.values().stream().mapToDouble(Running::fraction).sum()) / total);
  }

  /** Elapsed time scaled by the work left, the work counted in epochs of running trials as well as trials. */
  synchronized Optional<Duration> sweepEta() {
    double p = progress();
    if (p <= 0) return Optional.empty();
    double elapsed = (nanos.getAsLong() - startNanos) / 1e9;
    return Optional.of(Duration.ofMillis(Math.round(elapsed * (1 - p) / p * 1000)));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.stepTo((long) total * UNITS);
      bar.close();
    }
  }

  private String format(TrialLine l) {
    String head = String.format(Locale.ROOT, "%-14s %-8s", l.name(), l.statusText());
    String time = clock(Duration.ofMillis(Math.round(l.seconds() * 1000)));
    if (l.status() != RunStatus.FINISHED) {
      return head + " " + time + "  " + l.paramsText() + (l.reason() == null || l.reason().isBlank() ? "" : ": " + l.reason());
    }
    String epoch = l.bestEpoch() == null || l.bestEpoch() == 0 ? "-" : Integer.toString(l.bestEpoch());
    return head + String.format(Locale.ROOT, " %s %.4f  best epoch %-3s %s  %s", metric, l.metric(), epoch, time, l.paramsText())
        + (l.pruned() == null ? "" : "  (pruned: " + l.pruned() + ")");
  }

  private TrialLine line(TrialOutcome o) {
    RunInfo run = o.runId() == null ? null : lookup(o.runId());
    Double value = o.status() == RunStatus.FINISHED && !Double.isNaN(o.metric()) ? o.metric() : null;
    if (run == null) return new TrialLine(o.runName(), o.runId(), o.family(), o.status(), Map.of(), value, null, null, 0, o.reason(), null);
    Double bestEpoch = run.metrics().get(RunKeys.BEST_EPOCH);
    Double epochsRun = run.metrics().get(EPOCHS_RUN_METRIC);
    double seconds = run.endTime().map(end -> Duration.between(run.startTime(), end).toMillis() / 1000.0).orElse(0.0);
    return new TrialLine(o.runName(), o.runId(), o.family(), o.status(), changedParams(o.family(), run.params()), value,
        bestEpoch == null ? null : bestEpoch.intValue(), epochsRun == null ? null : epochsRun.intValue(), seconds, o.reason(),
        run.tags().get(PRUNED_TAG));
  }

  private RunInfo lookup(String runId) {
    try {
      return runs.apply(runId);
    } catch (TrackingException e) {
      return null; // The line goes without params and best epoch; the outcome itself is known.
    }
  }

  /** The run's model params whose value is not the family's default, by name (what the trial tried). */
  static Map<String, String> changedParams(String family, Map<String, String> runParams) {
    Map<String, String> changed = new TreeMap<>();
    Optional<ModelFamily<?>> f = ModelRegistry.all().stream().filter(m -> m.name().equals(family)).findFirst();
    if (f.isEmpty()) return changed;
    f.get().defaultValues().forEach((name, value) -> {
      String logged = runParams.get(name);
      if (logged != null && !logged.equals(String.valueOf(value))) changed.put(name, logged);
    });
    return changed;
  }

  private String epochText(Running r) {
    return "epoch " + r.epochs + "/" + r.maxEpochs + r.eta().map(d -> String.format(Locale.ROOT, " (%.1fs/epoch, at most %s left)",
        (r.lastEpochNanos - r.startNanos) / 1e9 / r.epochs, clock(d))).orElse("");
  }

  /** Shown only while trials remain, so never 100%: a trial that has run all its epochs still evaluates and uploads. */
  private String sweepEtaText() {
    return sweepEta().map(d -> "  | sweep " + Math.min(99, (int) Math.floor(progress() * 100)) + "%, ~" + clock(d) + " left").orElse("");
  }

  private void redraw() {
    if (bar == null) return;
    bar.stepTo(Math.round(progress() * total * UNITS));
    // Short: the bar gets what the message leaves of the terminal's width.
    StringBuilder msg = new StringBuilder();
    best().ifPresent(b -> msg.append(String.format(Locale.ROOT, "best %.4f", b.metric())));
    running.entrySet().stream().filter(e -> e.getValue().epochs > 0).reduce((a, b) -> b).ifPresent(e -> {
      Running r = e.getValue();
      msg.append(msg.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(r.epochs).append('/').append(r.maxEpochs)
          .append(r.eta().map(d -> " <" + clock(d)).orElse(""));
    });
    bar.setExtraMessage(msg.toString());
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** The library's terminal bar, with lines printed above it instead of through it. */
  private static final class TerminalBar extends ConsoleProgressBarConsumer {
    private final PrintStream stream;
    private String last = "";

    TerminalBar(PrintStream stream) {
      super(stream);
      this.stream = stream;
    }

    @Override
    public synchronized void accept(String rendered) {
      last = rendered;
      super.accept(rendered);
    }

    /** Clears the bar's line, prints {@code line}, redraws the bar below it. */
    synchronized void printAbove(String line) {
      stream.print("\r\033[2K" + line + System.lineSeparator());
      super.accept(last);
    }
  }
}
