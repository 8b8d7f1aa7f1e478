package movierec.runners.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import movierec.tracking.MlflowLinks;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The quickstart as a new user meets it: the sweep's console off a terminal, then the MLflow UI opened
 * in headless Chromium at the experiment link the CLI printed (the model-training view, the trials
 * nested under the sweep, their Dataset and Models columns, a recall_at_10 chart over epochs on a
 * trial's page), and the report page. Screenshots go to {@code target/browser/}.
 */
@Tag("browser")
@Tag("mlflow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartBrowserTest {
  private static final String RUN_NAME_CELL = "div[role='gridcell'][col-id='attributes.`Run Name`']";
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  private Path dir;
  private String uri;
  private String experiment;
  private String sweepOut;
  private String sweepErr;
  private HeadlessChromium chromium;

  @BeforeAll
  void runTheQuickstartSweep(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    uri = MlflowTestServer.assumeUri();
    chromium = HeadlessChromium.start();
    experiment = MlflowTestServer.uniqueName("browser-it");
    Path file = dir.resolve("quickstart.yaml");
    String quickstart = Files.readString(PROJECT.resolve("experiments/quickstart.yaml"));
    assertTrue(quickstart.contains("\nexperiment: quickstart\n"));
    Files.writeString(file, quickstart.replace("\nexperiment: quickstart\n", "\nexperiment: " + experiment + "\n"));
    Process sweep = movierec(dir.resolve("sweep.out"), dir.resolve("sweep.err"), "sweep", file.toString(), "--tracking-uri", uri);
    assertTrue(sweep.waitFor(10, TimeUnit.MINUTES), "quickstart sweep within 10 minutes");
    sweepOut = Files.readString(dir.resolve("sweep.out"), StandardCharsets.UTF_8);
    sweepErr = Files.readString(dir.resolve("sweep.err"), StandardCharsets.UTF_8);
    assertEquals(0, sweep.exitValue(), sweepOut + sweepErr);
  }

  @AfterAll
  void closeTheBrowser() {
    if (chromium != null) chromium.close();
  }

  private static Process movierec(Path out, Path err, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dmovierec.home=" + PROJECT, "-cp", System.getProperty("java.class.path"), "movierec.runners.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  private List<RunInfo> trials(TrackingClient client, String experimentId) {
    return client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`" + RunKeys.KIND + "` = '" + RunKeys.KIND_TRIAL + "'"));
  }

  @Test
  void theConsoleTellsEachTrialOnceAndClosesWithTheBestTrialsPullCommand() {
    List<String> trialLines = sweepOut.lines().filter(l -> l.matches("\\[\\d/8] \\S+ +FINISHED recall_at_10 .*")).toList();
    assertEquals(8, trialLines.size(), sweepOut);
    assertEquals(8, trialLines.stream().map(l -> l.split(" +")[1]).distinct().count(), "one line per trial: " + sweepOut);
    assertFalse(sweepOut.contains("100%"), "no progress bar off a terminal: " + sweepOut);
    assertTrue(sweepOut.matches("(?s).*\\nbest: \\S+ recall_at_10 0\\.\\d{4} .*\\n  fetch it: \\./movierec pull --run \\w{32} --out pulled/\\S+ --tracking-uri .*"),
        sweepOut);
    assertFalse(sweepErr.contains("Retrying") || sweepErr.contains("Duplicate TF op mapping"), "no library noise: " + sweepErr);
  }

  @Test
  void theExperimentLinkOpensTheTrainingViewWithTrialsNestedAndTheirDatasetsAndModels() throws Exception {
    String link = sweepOut.lines().filter(l -> l.startsWith("experiment " + experiment + ": ")).findFirst().orElseThrow()
        .substring(("experiment " + experiment + ": ").length());
    try (TrackingClient client = MlflowTestServer.client()) {
      String experimentId = client.findExperiment(experiment).orElseThrow();
      assertEquals(MlflowLinks.experiment(uri, experimentId), link);
      List<RunInfo> trials = trials(client, experimentId);
      assertEquals(8, trials.size());
      Set<String> withModel = trials.stream().filter(t -> !client.loggedModelsOf(t.runId()).isEmpty()).map(RunInfo::runName)
          .collect(Collectors.toCollection(TreeSet::new));
      assertFalse(withModel.isEmpty(), "some quickstart families store a model");

      var d = chromium.driver;
      d.get(link);
      chromium.waiting().until(ExpectedConditions.titleContains("Runs - Experiment " + experimentId));
      chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(RUN_NAME_CELL)));
      chromium.screenshot("experiment");
      assertTrue(d.getCurrentUrl().contains("workflowType=machine_learning"), d.getCurrentUrl());
      String page = d.findElement(By.tagName("body")).getText();
      assertFalse(page.contains("Traces overview") || page.contains("Detect Issues"), "not the GenAI view");
      Set<String> trialNames = trials.stream().map(RunInfo::runName).collect(Collectors.toSet());
      String sweepName = sweepRunName(client, experimentId);
      assertTrue(runNames().contains(sweepName), runNames().toString());
      assertTrue(runNames().stream().noneMatch(trialNames::contains), "trials are nested under the sweep, collapsed: " + runNames());

      d.findElement(By.xpath("//div[@role='gridcell'][@col-id='attributes.`Run Name`'][.//a[normalize-space()='" + sweepName + "']]//button")).click();
      chromium.waiting().until(x -> runNames().containsAll(trialNames));
      chromium.screenshot("experiment-expanded");
      Map<String, String> datasets = column("attributes.`Dataset`");
      Map<String, String> models = column("attributes.`Models`");
      for (RunInfo t : trials) {
        assertTrue(datasets.get(t.runName()).startsWith("synthetic-small-42/train"), t.runName() + " Dataset: " + datasets.get(t.runName()));
        assertEquals(withModel.contains(t.runName()), !models.get(t.runName()).equals("-"), t.runName() + " Models: " + models.get(t.runName()));
      }
    }
  }

  @Test
  void aTrialsPageChartsRecallAt10OverEpochs() {
    try (TrackingClient client = MlflowTestServer.client()) {
      String experimentId = client.findExperiment(experiment).orElseThrow();
      RunInfo ials = trials(client, experimentId).stream().filter(t -> "ials".equals(t.tags().get(RunKeys.FAMILY))).findFirst().orElseThrow();
      int epochs = client.metricHistory(ials.runId(), "recall_at_10").size();
      assertTrue(epochs > 1, "ials validates every epoch");

      var d = chromium.driver;
      d.get(MlflowLinks.run(uri, experimentId, ials.runId()));
      chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@role='tab'][normalize-space()='Model metrics']"))).click();
      WebElement search = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder='Search metric charts']")));
      search.sendKeys("recall_at_10");
      By card = By.xpath("//div[@data-testid='experiment-view-compare-runs-card'][.//h4[@title='recall_at_10']]");
      WebElement chart = chromium.waiting().until(x -> {
        List<WebElement> cards = x.findElements(card);
        return cards.isEmpty() || cards.get(0).findElements(By.cssSelector("path.js-line")).isEmpty() ? null : cards.get(0);
      });
      chromium.screenshot("trial-recall-chart");
      assertEquals("Step", chart.findElement(By.cssSelector(".g-xtitle text")).getText(), "x axis: step = epoch");
      assertEquals(epochs, chart.findElements(By.cssSelector(".scatterlayer .point")).size(), "one point per epoch");
    }
  }

  @Test
  void theReportLinksItsRunsIntoTheTrainingViewAndShowsItsPlots() throws Exception {
    Path report = Files.createDirectories(HeadlessChromium.SCREENSHOTS).resolve("report.html").toAbsolutePath();
    Process p = movierec(dir.resolve("report.out"), dir.resolve("report.err"), "report", "--experiment", experiment, "--out", report.toString(),
        "--tracking-uri", uri);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("report.out")) + Files.readString(dir.resolve("report.err")));

    var d = chromium.driver;
    d.get(report.toUri().toString());
    List<WebElement> images = d.findElements(By.tagName("img"));
    assertEquals(2, images.size(), "best-per-family and per-epoch charts");
    for (WebElement img : images) {
      Object width = ((JavascriptExecutor) d).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img);
      assertTrue(((Number) width).intValue() > 100, img.getAttribute("alt") + " is drawn");
    }
    List<String> links = d.findElements(By.cssSelector("a[href]")).stream().map(a -> a.getAttribute("href")).toList();
    assertTrue(links.size() >= 9, "the experiment, each trial and the sweep are linked: " + links);
    assertTrue(links.stream().allMatch(l -> l.startsWith(uri) && l.endsWith("?workflowType=machine_learning")), links.toString());
    Number height = (Number) ((JavascriptExecutor) d).executeScript("return document.body.scrollHeight;");
    d.manage().window().setSize(new Dimension(1300, Math.min(8000, height.intValue() + 100)));
    chromium.screenshot("report");
    d.manage().window().setSize(new Dimension(1900, 1100));

    String trialLink = d.findElements(By.cssSelector("a[href*='/runs/']")).get(0).getAttribute("href");
    d.get(trialLink);
    chromium.waiting().until(ExpectedConditions.titleContains("MLflow"));
    chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[@role='tab'][normalize-space()='Model metrics']")));
    chromium.screenshot("report-link");
    assertFalse(d.findElement(By.tagName("body")).getText().contains("Evaluations"), "a run link opens the training view, not GenAI's");
  }

  private String sweepRunName(TrackingClient client, String experimentId) {
    return client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`" + RunKeys.KIND + "` = '" + RunKeys.KIND_SWEEP + "'")).get(0).runName();
  }

  /** The run names the runs table shows (the name cell also holds a hidden colour label). */
  private List<String> runNames() {
    return chromium.driver.findElements(By.cssSelector(RUN_NAME_CELL + " a")).stream().map(e -> e.getText().strip()).toList();
  }

  /** Run name to the text of one column's cell: AG Grid draws pinned and scrolled columns in separate rows, joined by row index. */
  private Map<String, String> column(String colId) {
    Map<String, String> nameByRow = new HashMap<>();
    Map<String, String> cells = new HashMap<>();
    for (WebElement row : chromium.driver.findElements(By.cssSelector("div.ag-row[row-index]"))) {
      String index = row.getAttribute("row-index");
      row.findElements(By.cssSelector(RUN_NAME_CELL + " a")).forEach(c -> nameByRow.put(index, c.getText().strip()));
      row.findElements(By.cssSelector("div[role='gridcell'][col-id='" + colId + "']")).forEach(c -> cells.put(index, c.getText().strip()));
    }
    Map<String, String> byName = new HashMap<>();
    cells.forEach((index, text) -> byName.put(nameByRow.get(index), text));
    return byName;
  }
}
