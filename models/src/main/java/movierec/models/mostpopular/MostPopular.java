package movierec.models.mostpopular;

import movierec.core.model.Model;
import movierec.core.model.TrainContext;

/** Scores every item by its number of interactions: the baseline every family must beat. */
public final class MostPopular implements Model {
  private float[] popularity;

  public MostPopular(MostPopularParams params) {}

  @Override
  public void fit(TrainContext ctx) {
    int[] counts = ctx.train().itemCounts();
    popularity = new float[counts.length];
    for (int i = 0; i < counts.length; i++) popularity[i] = counts[i];
  }

  @Override
  public void score(int[] users, float[] out) {
    for (int b = 0; b < users.length; b++) System.arraycopy(popularity, 0, out, b * popularity.length, popularity.length);
  }
}
