package movierec.models.yearrule;

import java.util.Arrays;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.linalg.Parallel;

/**
 * A release-year and watch-time baseline (no paper: a rule in the spirit of the teams' genre rule).
 * The score of item j for user u is
 *
 * <pre>  affinity_u(year_j) × Σ_y activity_u(y) · popularity_y(j)</pre>
 *
 * where {@code activity_u(y)} is the share of u's watches in calendar year y, {@code popularity_y(j)}
 * is j's share of everybody's watches in year y (what was popular when the user was active; it is
 * also zero for movies not yet released then), and {@code affinity_u} is the user's release-year
 * histogram smoothed by a Gaussian kernel (how much they like movies of that era). A small floor keeps
 * items of eras the user never watched ranked by popularity rather than tied at zero; items without a
 * year get the user's mean affinity.
 */
public final class YearRule implements Model {
  /** Floor of the affinity, relative to the user's largest: eras never watched still rank by popularity. */
  private static final float FLOOR = 0.01f;

  private final YearRuleParams params;
  private Interactions history;
  private int[] itemYearBin;
  private int firstYear;
  private int yearBins;
  private int firstWatchYear;
  /** Row y: each item's share of the watches in calendar year firstWatchYear + y. */
  private float[][] popularityByWatchYear;

  public YearRule(YearRuleParams params) {
    this.params = params;
  }

  @Override
  public void fit(TrainContext ctx) {
    history = ctx.train();
    ItemSide side = ctx.side();
    int n = history.numItems();
    firstYear = Arrays.stream(side.years()).filter(y -> y != ItemSide.NO_YEAR).min().orElse(0);
    int lastYear = Arrays.stream(side.years()).filter(y -> y != ItemSide.NO_YEAR).max().orElse(0);
    yearBins = lastYear - firstYear + 1;
    itemYearBin = new int[n];
    for (int i = 0; i < n; i++) itemYearBin[i] = side.hasYear(i) ? side.years()[i] - firstYear : -1;

    int minWatch = Integer.MAX_VALUE;
    int maxWatch = Integer.MIN_VALUE;
    for (int e = 0; e < history.size(); e++) {
      int y = Dataset.yearOf(history.time(e));
      minWatch = Math.min(minWatch, y);
      maxWatch = Math.max(maxWatch, y);
    }
    firstWatchYear = minWatch;
    int watchYears = history.size() == 0 ? 0 : maxWatch - minWatch + 1;
    popularityByWatchYear = new float[watchYears][n];
    double[] totals = new double[watchYears];
    for (int e = 0; e < history.size(); e++) {
      int y = Dataset.yearOf(history.time(e)) - firstWatchYear;
      popularityByWatchYear[y][history.item(e)]++;
      totals[y]++;
    }
    for (int y = 0; y < watchYears; y++) {
      for (int i = 0; i < n; i++) popularityByWatchYear[y][i] /= (float) totals[y];
    }
  }

  @Override
  public void score(int[] users, float[] out) {
    int n = history.numItems();
    Parallel.forRange(users.length, 8, (from, to) -> {
      float[] affinity = new float[yearBins];
      float[] activity = new float[popularityByWatchYear.length];
      for (int b = from; b < to; b++) {
        int u = users[b];
        affinity(u, affinity);
        Arrays.fill(activity, 0f);
        for (int e = history.start(u); e < history.end(u); e++) activity[Dataset.yearOf(history.time(e)) - firstWatchYear] += 1f / history.length(u);
        float mean = 0;
        for (int i = 0; i < n; i++) if (itemYearBin[i] >= 0) mean += affinity[itemYearBin[i]];
        mean /= n;
        int o = b * n;
        Arrays.fill(out, o, o + n, 0f);
        for (int y = 0; y < activity.length; y++) {
          if (activity[y] == 0) continue;
          float[] pop = popularityByWatchYear[y];
          for (int i = 0; i < n; i++) out[o + i] += activity[y] * pop[i];
        }
        for (int i = 0; i < n; i++) out[o + i] *= itemYearBin[i] >= 0 ? affinity[itemYearBin[i]] : mean;
      }
    });
  }

  /** The user's smoothed release-year histogram with its floor, into {@code out}. */
  private void affinity(int user, float[] out) {
    float[] histogram = new float[yearBins];
    for (int e = history.start(user); e < history.end(user); e++) {
      int bin = itemYearBin[history.item(e)];
      if (bin >= 0) histogram[bin]++;
    }
    double h = params.bandwidth();
    float max = 0;
    for (int y = 0; y < yearBins; y++) {
      double sum = 0;
      for (int z = 0; z < yearBins; z++) {
        if (histogram[z] != 0) sum += histogram[z] * Math.exp(-0.5 * (y - z) * (y - z) / (h * h));
      }
      out[y] = (float) sum;
      max = Math.max(max, out[y]);
    }
    for (int y = 0; y < yearBins; y++) out[y] += FLOOR * Math.max(max, 1e-6f);
  }
}
