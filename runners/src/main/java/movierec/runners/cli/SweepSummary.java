package movierec.runners.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunStatus;

/**
 * How a sweep ended, as {@code sweep} closes: counts, the best trial with the {@code pull} command that
 * fetches it, every trial that did not finish with its reason, pruned trials when the sweep pruned,
 * and links to the sweep's run and experiment. {@link #text} for people, {@link #toJson} for scripts.
 *
 * @param pullCommand null when no trial finished
 * @param pruned trials a pruner stopped early (they finished, with their best epoch's metrics)
 */
record SweepSummary(String sweepFile, String experiment, String experimentId, String parentRunId, String status, String metric, double seconds,
    int trials, long finished, long failed, long killed, long pruned, SweepConsole.TrialLine best, String pullCommand, String experimentUrl,
    String sweepRunUrl, List<SweepConsole.TrialLine> trialLines) {
  private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param shownUri the tracking URI with credentials masked, for links
   * @param explicitUri the {@code --tracking-uri} the sweep was given (masked), repeated in the pull command; null when it came from the environment
   */
  static SweepSummary of(SweepConfig config, SweepRunner.Summary s, List<SweepConsole.TrialLine> lines, java.util.Optional<SweepConsole.TrialLine> best,
      String shownUri, String explicitUri) {
    long finished = s.count(RunStatus.FINISHED);
    String experimentId = s.parent().experimentId();
    String pull = best.map(b -> "./movierec pull --run " + b.runId() + " --out pulled/" + b.name()
        + (explicitUri == null ? "" : " --tracking-uri " + explicitUri)).orElse(null);
    return new SweepSummary(config.file().toString(), config.experiment(), experimentId, s.parent().runId(), s.complete() ? "FINISHED" : "FAILED",
        config.metric(), s.seconds(), s.trials(), finished, s.count(RunStatus.FAILED), s.count(RunStatus.KILLED),
        lines.stream().filter(l -> l.pruned() != null).count(), best.orElse(null), pull, MlflowLinks.experiment(shownUri, experimentId),
        MlflowLinks.run(shownUri, experimentId, s.parent().runId()), lines);
  }

  String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%ndone in %s: %d of %d trials finished%s, %d failed, %d killed%s.%n",
        SweepConsole.clock(Duration.ofMillis(Math.round(seconds * 1000))), finished, trials, pruned > 0 ? " (" + pruned + " of them pruned)" : "",
        failed, killed, finished + failed + killed < trials ? ", " + (trials - finished - failed - killed) + " not run" : ""));
    if (best != null) {
      sb.append(String.format(Locale.ROOT, "best: %s %s %.4f (%s %s)%n  fetch it: %s%n", best.name(), metric, best.metric(), best.family(),
          best.paramsText(), pullCommand));
    }
    List<SweepConsole.TrialLine> unfinished = trialLines.stream().filter(l -> l.status() != RunStatus.FINISHED).toList();
    if (!unfinished.isEmpty()) {
      sb.append("did not finish:\n");
      unfinished.forEach(l -> sb.append(l.name()).append(' ').append(l.status())
          .append(l.reason() == null || l.reason().isBlank() ? "" : ": " + l.reason()).append('\n'));
    }
    sb.append("sweep run ").append(parentRunId).append(' ').append(status).append(": ").append(sweepRunUrl).append('\n');
    sb.append("experiment ").append(experiment).append(": ").append(experimentUrl).append('\n');
    return sb.toString();
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sweep summary as JSON", e);
    }
  }
}
