package movierec.submissions.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.tracking.Metric;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts as PNG bytes (XChart, drawn off-screen). */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private Charts() {}

  static byte[] bestPerFamily(List<LeaderboardEntry> best, String metric) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Best run per family").xAxisTitle("family")
        .yAxisTitle("validation " + metric).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsPosition(0.95);
    chart.getStyler().setDecimalPattern("0.0000");
    chart.addSeries(metric, best.stream().map(LeaderboardEntry::family).toList(), best.stream().map(LeaderboardEntry::value).toList());
    return png(chart);
  }

  /** One line per family; a family validated once (closed form) is a single marker at epoch 0. */
  static byte[] epochs(Map<String, List<Metric>> historyByFamily, String metric) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Validation " + metric + " per epoch (best run of each family)")
        .xAxisTitle("epoch").yAxisTitle(metric).build();
    chart.getStyler().setDecimalPattern("0.000");
    chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::epochLabel);
    historyByFamily.forEach((family, points) -> {
      if (points.isEmpty()) return;
      var series = chart.addSeries(family, points.stream().map(p -> (double) p.step()).toList(), points.stream().map(Metric::value).toList());
      series.setMarker(SeriesMarkers.CIRCLE);
    });
    return png(chart);
  }

  /** Epochs are whole numbers: a tick between two epochs gets no label. */
  static String epochLabel(double tick) {
    return tick == Math.rint(tick) ? Long.toString((long) tick) : "";
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw chart '" + chart.getTitle() + "'", e);
    }
  }
}
