package movierec.submissions.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.core.data.DatasetWriter;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;

/**
 * The team review page of one experiment: leaderboard, best run per family (chart and table),
 * validation metric per epoch per family, ensemble gains and sweep summaries. Charts are PNGs
 * embedded as data URIs and there is no script or remote stylesheet, so the one file works offline;
 * run names link to the runs in the MLflow UI.
 */
public final class TeamReport {
  public static final String FILE = "report.html";
  /** Tag value of {@code movierec.kind} on the run a report is logged to; the leaderboard never ranks it. */
  public static final String KIND_REPORT = "report";
  /** Leaderboard rows shown per split. */
  private static final int LEADERBOARD_ROWS = 25;

  private TeamReport() {}

  public static void write(ReportData data, Path file) throws IOException {
    String html = html(data);
    DatasetWriter.atomically(file, w -> w.write(html));
  }

  /** Logs the written report as the {@value #FILE} artifact of a new run in the experiment; returns the run. */
  public static RunInfo log(TrackingClient client, String experimentId, Path file) {
    RunInfo run = client.startRun(experimentId, "report-" + Instant.now().toString().substring(0, 19).replace(':', '-'),
        Map.of(RunKeys.KIND, KIND_REPORT));
    try {
      client.artifacts(run).uploadFile(file, FILE);
      client.endRun(run.runId(), RunStatus.FINISHED);
      return run;
    } catch (RuntimeException e) {
      client.endRun(run.runId(), RunStatus.FAILED);
      throw e;
    }
  }

  private static String html(ReportData d) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>movierec review: ").append(esc(d.experimentName()))
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}td.n{text-align:right}code{font-size:90%}</style></head><body>\n");
    sb.append("<h1>Team review: experiment ").append(esc(d.experimentName())).append("</h1>\n<p>Generated ").append(Instant.now())
        .append("; validation metric ").append(esc(d.metric())).append(" at each run's best epoch. The experiment in MLflow: <a href=\"")
        .append(esc(MlflowLinks.experiment(d.trackingUri(), d.experimentId()))).append("\">").append(esc(d.experimentName())).append("</a>.</p>\n");

    sb.append("<h2>Leaderboard</h2>\n");
    if (d.leaderboard().isEmpty()) sb.append("<p>No finished run has ").append(esc(d.leaderboard().options().rankingKey())).append(".</p>\n");
    if (d.leaderboard().splitsDiffer()) sb.append("<p>Runs of different validation splits are ranked separately.</p>\n");
    for (Leaderboard.Ranking ranking : d.leaderboard().rankings()) {
      sb.append("<h3>split <code>").append(esc(ranking.splitHash())).append("</code>: ").append(ranking.entries().size()).append(" runs</h3>\n");
      entries(sb, ranking.entries().subList(0, Math.min(LEADERBOARD_ROWS, ranking.entries().size())), d);
    }

    sb.append("<h2>Best run per family</h2>\n");
    if (!d.bestPerFamily().isEmpty()) {
      List<LeaderboardEntry> best = d.bestPerFamily().rankings().get(0).entries();
      image(sb, Charts.bestPerFamily(best, d.metric()), "best " + d.metric() + " per family");
      entries(sb, best, d);
    }

    sb.append("<h2>Validation ").append(esc(d.metric())).append(" per epoch</h2>\n");
    if (d.historyByFamily().values().stream().allMatch(List::isEmpty)) {
      sb.append("<p>No per-epoch history.</p>\n");
    } else {
      image(sb, Charts.epochs(d.historyByFamily(), d.metric()), d.metric() + " per epoch per family");
    }

    sb.append("<h2>Ensembles: gain over the best single run</h2>\n");
    if (d.ensembles().isEmpty()) sb.append("<p>No ensemble in this experiment (<code>movierec ensemble --preset best4</code> makes one).</p>\n");
    else {
      sb.append("<table><tr><th>ensemble run</th><th>run id</th><th>settings</th><th>").append(esc(d.metric()))
          .append("</th><th>best source</th><th>gain</th></tr>\n");
      for (ReportData.EnsembleGain g : d.ensembles()) {
        sb.append("<tr>").append(runCells(g.ensemble().run(), d)).append("<td>").append(esc(g.ensemble().keyParamsText()))
            .append("</td>").append(num(g.ensemble().value())).append(num(g.bestSource()))
            .append(String.format(Locale.ROOT, "<td class=\"n\">%+.4f</td></tr>%n", g.gain()));
      }
      sb.append("</table>\n");
      if (d.weightsTuned()) {
        sb.append("<p>Tuned weights are fit on the validation split, so their gain there overstates the gain on hidden answers "
            + "(their metric is measured on validation users they were not tuned on).</p>\n");
      }
    }

    sb.append("<h2>Sweeps</h2>\n");
    if (d.sweeps().isEmpty()) sb.append("<p>No sweep in this experiment.</p>\n");
    else {
      sb.append("<table><tr><th>sweep</th><th>status</th><th>trials</th><th>finished</th><th>failed</th><th>killed</th><th>wall time</th><th>best</th></tr>\n");
      for (ReportData.SweepSummary s : d.sweeps()) {
        sb.append("<tr><td>").append(link(s.sweep(), d)).append("</td><td>").append(s.sweep().status()).append("</td>")
            .append(num(s.trials())).append(num(s.finished())).append(num(s.failed())).append(num(s.killed()))
            .append("<td class=\"n\">").append(duration(s.wall())).append("</td>")
            .append(s.best().map(TeamReport::num).orElse("<td></td>")).append("</tr>\n");
      }
      sb.append("</table>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void entries(StringBuilder sb, List<LeaderboardEntry> entries, ReportData d) {
    sb.append("<table><tr><th>#</th><th>run</th><th>run id</th><th>family</th><th>").append(esc(d.metric()))
        .append("</th><th>best epoch</th><th>duration</th><th>params</th></tr>\n");
    for (int i = 0; i < entries.size(); i++) {
      LeaderboardEntry e = entries.get(i);
      sb.append("<tr>").append(num(i + 1)).append(runCells(e.run(), d)).append("<td>").append(esc(e.family())).append("</td>")
          .append(num(e.value())).append("<td class=\"n\">").append(e.bestEpoch().isPresent() ? e.bestEpoch().getAsInt() : "").append("</td>")
          .append("<td class=\"n\">").append(e.duration().map(TeamReport::duration).orElse("")).append("</td><td>").append(esc(e.keyParamsText()))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  /** The run's name linked to its page in the MLflow UI (training view), then its id to copy into {@code pull --run}. */
  private static String runCells(RunInfo run, ReportData d) {
    return "<td>" + link(run, d) + "</td><td><code>" + run.runId() + "</code></td>";
  }

  private static String link(RunInfo run, ReportData d) {
    return "<a href=\"" + esc(MlflowLinks.run(d.trackingUri(), run.experimentId(), run.runId())) + "\">"
        + esc(run.runName() == null || run.runName().isBlank() ? run.runId() : run.runName()) + "</a>";
  }

  private static void image(StringBuilder sb, byte[] png, String alt) {
    sb.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
        .append("\"></p>\n");
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "<td class=\"n\">%.4f</td>", value);
  }

  private static String num(int value) {
    return "<td class=\"n\">" + value + "</td>";
  }

  private static String duration(Duration d) {
    long s = d.getSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  private static String esc(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
