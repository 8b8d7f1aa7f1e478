package movierec.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
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
  public static double mostPopularRecall(Dataset data) {
    return Fixtures.validate(new MostPopular(new MostPopularParams()), data, 0).evaluation().recall();
  }

  /**
   * Fits the family's default model and asserts its validation Recall@10 is at least {@code factor} times
   * MostPopular's; returns it.
   */
  public static double assertBeatsMostPopular(String family, Dataset data, double factor) {
    double baseline = mostPopularRecall(data);
    double recall = Fixtures.validate(ModelRegistry.get(family).create(Map.of()), data, 0).evaluation().recall();
    assertTrue(recall >= factor * baseline, String.format("%s recall %.4f < %.1f × MostPopular %.4f", family, recall, factor, baseline));
    return recall;
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
