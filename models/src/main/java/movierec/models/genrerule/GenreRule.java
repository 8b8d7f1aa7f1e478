package movierec.models.genrerule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemAttribute;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;

/**
 * The competition's genre baseline (no paper: a rule teams used, 0.07 on the leaderboard). A user's
 * favourite genres are those with the largest share of their history; the top of the list takes the
 * most popular unseen items of the favourite genre (quota 3), then of the second (2), and so on
 * ("3:2:2:2:1" fills a top 10); every other item follows by popularity.
 *
 * <p>The evaluator masks seen items before ranking, so the rule picks among unseen items itself: an
 * item picked for a slot would otherwise be masked and leave the slot to popularity. Picked items score
 * above every other item, in slot order; the rest score by popularity in [0, 1).
 */
public final class GenreRule implements Model {
  private final int[] slots;
  private Interactions history;
  private ItemAttribute genres;
  private float[] popularity;
  /** Per genre, its items by descending popularity (ties by index). */
  private int[][] byGenre;

  public GenreRule(GenreRuleParams params) {
    this.slots = params.slots();
  }

  @Override
  public void fit(TrainContext ctx) {
    history = ctx.train();
    genres = ctx.side().genres();
    int[] counts = history.itemCounts();
    int max = Arrays.stream(counts).max().orElse(0);
    popularity = new float[counts.length];
    for (int i = 0; i < counts.length; i++) popularity[i] = counts[i] / (max + 1f);
    Comparator<Integer> byPopularity = Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparingInt(i -> i);
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < genres.numValues(); g++) members.add(new ArrayList<>());
    for (int i = 0; i < counts.length; i++) for (int g : genres.of(i)) members.get(g).add(i);
    byGenre = members.stream().map(m -> m.stream().sorted(byPopularity).mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  @Override
  public void score(int[] users, float[] out) {
    int n = popularity.length;
    IntStream.range(0, users.length).parallel().forEach(b -> {
      int o = b * n;
      System.arraycopy(popularity, 0, out, o, n);
      int[] picks = picks(users[b]);
      // Slot r scores 1 + (picks − r): above all popularity scores, in slot order.
      for (int r = 0; r < picks.length; r++) out[o + picks[r]] = 1 + picks.length - r;
    });
  }

  /** The user's rule-picked items in slot order (fewer when genres run out of unseen items). */
  private int[] picks(int user) {
    int n = popularity.length;
    boolean[] taken = new boolean[n];
    int[] share = new int[genres.numValues()];
    for (int e = history.start(user); e < history.end(user); e++) {
      taken[history.item(e)] = true;
      for (int g : genres.of(history.item(e))) share[g]++;
    }
    int[] favourites = IntStream.range(0, share.length).boxed().filter(g -> share[g] > 0)
        .sorted(Comparator.<Integer>comparingInt(g -> -share[g]).thenComparingInt(g -> g))
        .limit(slots.length).mapToInt(Integer::intValue).toArray();
    int[] picks = new int[Arrays.stream(slots).sum()];
    int count = 0;
    for (int rank = 0; rank < favourites.length; rank++) {
      int filled = 0;
      for (int item : byGenre[favourites[rank]]) {
        if (filled == slots[rank]) break;
        if (taken[item]) continue;
        taken[item] = true;
        picks[count++] = item;
        filled++;
      }
    }
    return Arrays.copyOf(picks, count);
  }
}
