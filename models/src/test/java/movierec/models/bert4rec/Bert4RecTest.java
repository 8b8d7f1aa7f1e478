package movierec.models.bert4rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.split.Split;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import movierec.models.seq.Batch;
import movierec.models.seq.SequenceFamilyContract;
import org.junit.jupiter.api.Test;

class Bert4RecTest extends SequenceFamilyContract {
  @Override
  protected String family() {
    return "bert4rec";
  }

  @Override
  protected Map<String, Object> fast() {
    return FAST_ATTENTION;
  }

  /**
   * Mean pooling reads the masks of every query pass: popularity recommends the modern group's items to
   * everyone, the masked history tells which group a user is in.
   */
  @Test
  void meanPoolingBeatsMostPopular() {
    Map<String, Object> p = new HashMap<>(fast());
    p.putAll(Map.of("pooling", "mean", "learning_rate", 0.01, "batch_size", 16, "epochs", 3));
    FamilyChecks.assertBeatsMostPopular(family(), p, FamilyChecks.twoTasteGroups(), 1.0);
  }

  /**
   * Mean pooling's query: pass 0 is the history with a mask appended (the next item), passes 1..5 (mask
   * probability 0.2) each mask every 5th item, so that over them each item of the window is masked once.
   */
  @Test
  void meanPoolingQueriesMaskEachItemOfTheWindowOnce() {
    Split split = Fixtures.holdout(Fixtures.tiny());
    Bert4Rec model = (Bert4Rec) ModelRegistry.get(family()).create(Map.of("pooling", "mean", "max_len", 8, "hidden", 8, "heads", 1, "epochs", 1));
    Fixtures.validate(model, Fixtures.tiny(), 0);
    Interactions x = split.train();
    int user = IntStream.range(0, x.numUsers()).filter(u -> x.length(u) >= 8).findFirst().orElseThrow();
    int[] items = Arrays.copyOfRange(x.itemsOf(user), x.length(user) - 8, x.length(user));
    assertEquals(6, model.queryPasses());

    Batch next = new Batch(1, 8, x.numItems());
    model.queryExample(x, user, next, 0, 0);
    assertArrayEquals(Arrays.copyOfRange(items, 1, 8), Arrays.copyOfRange(next.tokens(), 0, 7));
    assertTrue(model.predicts(next.tokens()[7]), "a mask after the latest item");

    int[] maskedTimes = new int[8];
    for (int pass = 1; pass < 6; pass++) {
      Batch b = new Batch(1, 8, x.numItems());
      model.queryExample(x, user, b, 0, pass);
      for (int p = 0; p < 8; p++) {
        if (model.predicts(b.tokens()[p])) maskedTimes[p]++;
        else assertEquals(items[p], b.tokens()[p], "pass " + pass + " position " + p);
      }
    }
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, maskedTimes);
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(family(), Map.of("blocks", 0), "blocks");
    FamilyChecks.assertInvalid(family(), Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 1.0), "mask_probability");
    FamilyChecks.assertInvalid(family(), Map.of("pooling", "max"), "pooling");
  }
}
