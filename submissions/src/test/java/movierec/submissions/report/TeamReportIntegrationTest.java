package movierec.submissions.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import movierec.submissions.ensemble.EnsembleRun;
import movierec.submissions.testing.HandMadeRuns;
import movierec.tracking.Metric;
import movierec.tracking.MlflowLinks;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** A report of hand-made runs on the real MLflow server: every section, real PNG charts, logged as an artifact. */
@Tag("mlflow")
class TeamReportIntegrationTest {
  private static final Pattern IMAGE = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir Path dir;

  @Test
  void reportHoldsEverySectionWithItsChartsAndIsLogged() throws Exception {
    try (TrackingClient client = MlflowTestServer.client()) {
      HandMadeRuns runs = new HandMadeRuns(client, "report-it");
      String experiment = runs.experimentId();
      runs.trial("ease", 0.30, "s1", Map.of("lambda", "500"));
      runs.trial("ials", 0.25, "s1", Map.of("factors", "64"));
      RunInfo sweep = runs.run(RunKeys.KIND_SWEEP, "sweep", 0.30, "s1", RunStatus.FINISHED, Map.of());
      for (RunStatus status : List.of(RunStatus.FINISHED, RunStatus.FINISHED, RunStatus.FAILED)) {
        RunInfo child = client.startChildRun(sweep, "trial", Map.of(RunKeys.KIND, RunKeys.KIND_TRIAL, RunKeys.FAMILY, "bpr"));
        client.endRun(child.runId(), status);
      }
      RunInfo ensemble = runs.run(RunKeys.KIND_ENSEMBLE, "ensemble", 0.33, "s1", RunStatus.RUNNING,
          Map.of("method", "weighted", EnsembleRun.WEIGHTS_PARAM, "auto"));
      client.logMetrics(ensemble.runId(), List.of(Metric.of(EnsembleRun.BEST_SOURCE_PREFIX + "recall_at_10", 0.30, 0)));
      client.endRun(ensemble.runId(), RunStatus.FINISHED);

      ReportData data = ReportData.load(client, runs.experimentName(), "recall_at_10");
      assertEquals(List.of("ease", "ials"), data.bestPerFamily().rankings().get(0).entries().stream().map(e -> e.family()).toList());
      assertEquals(3, data.historyByFamily().get("ease").size(), "three epochs of history");
      assertEquals(0.03, data.ensembles().get(0).gain(), 1e-9);
      ReportData.SweepSummary summary = data.sweeps().get(0);
      assertEquals(List.of(3, 2, 1, 0), List.of(summary.trials(), summary.finished(), summary.failed(), summary.killed()));

      Path file = dir.resolve("report.html");
      TeamReport.write(data, file);
      String html = Files.readString(file);
      for (String expected : List.of("Leaderboard", "Best run per family", "per epoch", "+0.0300", sweep.runName(), ensemble.runId())) {
        assertTrue(html.contains(expected), "report mentions " + expected);
      }
      String runLink = "<a href=\"" + MlflowLinks.run(client.trackingUri(), experiment, ensemble.runId()).replace("&", "&amp;") + "\">"
          + ensemble.runName() + "</a>";
      assertTrue(html.contains(runLink), "run names link to the runs' training view: " + runLink);
      assertTrue(html.contains(MlflowLinks.experiment(client.trackingUri(), experiment)), "the experiment is linked");
      assertTrue(!html.contains("src=\"http") && !html.contains("<link") && !html.contains("<script"), "nothing to fetch: works offline");
      assertFalse(html.contains("Tuned weights"), "auto weights: no warning about tuned ones");
      List<BufferedImage> images = new ArrayList<>();
      Matcher m = IMAGE.matcher(html);
      while (m.find()) images.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
      assertEquals(2, images.size(), "bar chart and per-epoch chart");
      for (BufferedImage image : images) {
        assertNotNull(image);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
      }

      RunInfo tuned = runs.run(RunKeys.KIND_ENSEMBLE, "ensemble", 0.34, "s1", RunStatus.RUNNING, Map.of(EnsembleRun.WEIGHTS_PARAM, "tuned"));
      client.logMetrics(tuned.runId(), List.of(Metric.of(EnsembleRun.BEST_SOURCE_PREFIX + "recall_at_10", 0.30, 0)));
      client.endRun(tuned.runId(), RunStatus.FINISHED);
      TeamReport.write(ReportData.load(client, runs.experimentName(), "recall_at_10"), file);
      assertTrue(Files.readString(file).contains("Tuned weights are fit on the validation split"), "tuned weights: warned");

      RunInfo logged = TeamReport.log(client, experiment, file);
      assertArrayEquals(Files.readAllBytes(file), client.artifacts(logged).readBytes(TeamReport.FILE));
      assertEquals(TeamReport.KIND_REPORT, client.getRun(logged.runId()).tags().get(RunKeys.KIND));
    }
  }
}
