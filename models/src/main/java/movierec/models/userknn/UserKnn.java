package movierec.models.userknn;

import java.util.Arrays;
import movierec.core.data.Interactions;
import movierec.core.eval.TopK;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.linalg.ItemUsers;
import movierec.models.linalg.Parallel;

/**
 * User-based kNN: J. Herlocker, J. Konstan, A. Borchers, J. Riedl, "An Algorithmic Framework for
 * Performing Collaborative Filtering", SIGIR 1999, in its top-N form. A user's k most similar users by
 * (shrunk, asymmetric) cosine of their item sets vote for their items, each vote weighted by the similarity.
 *
 * <p>Neighbours are found when scoring, from the item-to-user index, so fitting only indexes the data;
 * with nothing learned there is no model file (refitting takes well under a second).
 */
public final class UserKnn implements Model {
  private final UserKnnParams params;
  private Interactions history;
  private ItemUsers byItem;

  public UserKnn(UserKnnParams params) {
    this.params = params;
  }

  @Override
  public void fit(TrainContext ctx) {
    history = ctx.train();
    byItem = ItemUsers.of(history);
  }

  @Override
  public void score(int[] users, float[] out) {
    int numUsers = history.numUsers();
    int numItems = history.numItems();
    int k = Math.min(params.k(), numUsers);
    float shrink = (float) params.shrink();
    float[] targetNorm = new float[numUsers];
    float[] neighbourNorm = new float[numUsers];
    for (int v = 0; v < numUsers; v++) {
      targetNorm[v] = (float) Math.pow(history.length(v), params.alpha());
      neighbourNorm[v] = (float) Math.pow(history.length(v), 1 - params.alpha());
    }
    Parallel.forRange(users.length, 8, (from, to) -> {
      float[] similarity = new float[numUsers];
      int[] top = new int[k];
      float[] topSims = new float[k];
      for (int b = from; b < to; b++) {
        int u = users[b];
        Arrays.fill(similarity, 0f);
        for (int e = history.start(u); e < history.end(u); e++) {
          int i = history.item(e);
          for (int t = byItem.start(i); t < byItem.end(i); t++) similarity[byItem.user(t)]++;
        }
        for (int v = 0; v < numUsers; v++) {
          // Users sharing nothing are -inf so that they are never neighbours.
          similarity[v] = similarity[v] == 0 ? Float.NEGATIVE_INFINITY : similarity[v] / (targetNorm[u] * neighbourNorm[v] + shrink);
        }
        similarity[u] = Float.NEGATIVE_INFINITY;
        int found = TopK.select(similarity, 0, numUsers, k, top, topSims);
        int o = b * numItems;
        Arrays.fill(out, o, o + numItems, 0f);
        for (int r = 0; r < found; r++) {
          for (int e = history.start(top[r]); e < history.end(top[r]); e++) out[o + history.item(e)] += topSims[r];
        }
      }
    });
  }
}
