package movierec.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;
import movierec.core.model.InvalidParamException;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.mostpopular.MostPopular;
import movierec.models.mostpopular.MostPopularParams;

/** The checks every family's tests share: quality against MostPopular, determinism, model files, params. */
public final class FamilyChecks {
  private FamilyChecks() {}

  /** Validation Recall@10 of MostPopular on the data's default holdout split. */
  private static double mostPopularRecall(Dataset data) {
    return Fixtures.validate(new MostPopular(new MostPopularParams()), data, 0).evaluation().recall();
  }

  /**
   * Fits the family with {@code params} over its defaults and asserts its validation Recall@10 is at least
   * {@code factor} times MostPopular's; returns it.
   */
  public static double assertBeatsMostPopular(String family, Map<String, ?> params, Dataset data, double factor) {
    double baseline = mostPopularRecall(data);
    double recall = Fixtures.validate(ModelRegistry.get(family).create(params), data, 0).evaluation().recall();
    assertTrue(recall >= factor * baseline, String.format("%s recall %.4f < %.1f × MostPopular %.4f", family, recall, factor, baseline));
    return recall;
  }

  /**
   * 200 users in two taste groups over 100 items: items 0–49 are 1960s dramas, 50–99 are 2000s
   * comedies and more popular. "Classic" users watch only the first half, "modern" users only the
   * second, all in 2010. Popularity recommends modern comedies to everyone; a rule that reads genres or
   * release years must not.
   */
  public static Dataset twoTasteGroups() {
    SplittableRandom rng = new SplittableRandom(9);
    RawData raw = new RawData();
    long start = LocalDate.of(2010, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    for (int u = 0; u < 200; u++) {
      boolean classic = u < 100;
      int first = classic ? 0 : 50;
      int watches = classic ? 20 : 30;
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < watches) {
        // Skewed towards low offsets within the group, so popularity within a group varies.
        int item = first + (int) (50 * Math.pow(rng.nextDouble(), 2));
        if (seen.add(item)) raw.add(1 + u, 1 + item, start + 3600L * seen.size() + u);
      }
    }
    for (int i = 0; i < 100; i++) {
      raw.year(1 + i, i < 50 ? 1960 + i % 10 : 2000 + i % 10);
      raw.attribute("genre", 1 + i, i < 50 ? "Drama" : "Comedy");
    }
    return raw.build("two-taste-groups");
  }

  /** Two fits with the same seed score every user identically. */
  public static void assertDeterministic(String family, Map<String, ?> params, Dataset data) {
    float[] first = fitAndScore(ModelRegistry.get(family).create(params), data, 11);
    float[] second = fitAndScore(ModelRegistry.get(family).create(params), data, 11);
    assertArrayEquals(first, second, family + " gave different scores for the same seed");
  }

  /** A model saved and loaded into a fresh one scores every user identically. */
  public static void assertSaveLoadRoundTrip(String family, Map<String, ?> params, Dataset data) throws IOException {
    Model fitted = ModelRegistry.get(family).create(params);
    assertTrue(fitted.persistable());
    float[] before = fitAndScore(fitted, data, 5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    fitted.save(bytes);
    String tag = new java.io.DataInputStream(new ByteArrayInputStream(bytes.toByteArray())).readUTF();
    assertTrue(fitted.fileFormat().startsWith(tag), family + " file starts with '" + tag + "', its format is " + fitted.fileFormat());
    Model loaded = ModelRegistry.get(family).create(params);
    loaded.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertArrayEquals(before, scoreAll(loaded, data), family + " scores changed after save/load");
  }

  /** Building the family with {@code overrides} fails naming {@code param}. */
  public static void assertInvalid(String family, Map<String, ?> overrides, String param) {
    InvalidParamException e = assertThrows(InvalidParamException.class, () -> ModelRegistry.get(family).create(overrides));
    assertEquals(param, e.param(), e.getMessage());
  }

  /** Fits on all of {@code data} with {@code seed} and returns the scores of every user. */
  public static float[] fitAndScore(Model model, Dataset data, long seed) {
    model.fit(TrainContext.of(data.interactions(), data.side(), seed));
    return scoreAll(model, data);
  }

  public static float[] scoreAll(Model model, Dataset data) {
    int[] users = IntStream.range(0, data.numUsers()).toArray();
    float[] out = new float[users.length * data.numItems()];
    model.score(users, out);
    return out;
  }
}
