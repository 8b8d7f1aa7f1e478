package movierec.models.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import movierec.core.data.Dataset;
import movierec.core.model.Model;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import movierec.models.linalg.ArrayIO;
import org.junit.jupiter.api.Test;

/** What every sequential family's test checks: determinism, model files and the shared params. */
public abstract class SequenceFamilyContract {
  /** Small enough for seconds per fit on the tiny data. */
  protected static final Map<String, Object> FAST = Map.of("hidden", 32, "max_len", 20, "batch_size", 64, "epochs", 2);
  /** {@link #FAST} with one self-attention block. */
  protected static final Map<String, Object> FAST_ATTENTION = Map.of("hidden", 32, "max_len", 20, "batch_size", 64, "epochs", 2, "blocks", 1);

  /** The registry name. */
  protected abstract String family();

  /** Params for the tiny-data fits; {@link #FAST} plus the family's own. */
  protected Map<String, Object> fast() {
    return FAST;
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(family(), fast(), Fixtures.tiny());
  }

  /**
   * A fit while garbage collections run back to back gives the scores of a quiet one: nothing libtorch reads
   * may live in memory that GC frees (DJL's scalar operands once did, and training followed GC timing).
   */
  @Test
  void garbageCollectionsDoNotChangeTraining() {
    Dataset data = Fixtures.tiny();
    float[] quiet = FamilyChecks.fitAndScore(ModelRegistry.get(family()).create(fast()), data, 3);
    Thread collections = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        System.gc();
        LockSupport.parkNanos(2_000_000);
      }
    });
    collections.setDaemon(true);
    collections.start();
    float[] collected;
    try {
      collected = FamilyChecks.fitAndScore(ModelRegistry.get(family()).create(fast()), data, 3);
    } finally {
      collections.interrupt();
    }
    assertArrayEquals(quiet, collected, family() + " scores depend on when garbage collections run");
  }

  /**
   * Two fits at once in one process (parallel trials) give the scores of a fit alone: libtorch's gradient
   * recording and generator are process-wide, and each training step holds them.
   */
  @Test
  void parallelFitsMatchASerialOne() {
    Dataset data = Fixtures.tiny();
    float[] alone = FamilyChecks.fitAndScore(ModelRegistry.get(family()).create(fast()), data, 3);
    var first = CompletableFuture.supplyAsync(() -> FamilyChecks.fitAndScore(ModelRegistry.get(family()).create(fast()), data, 3));
    var second = CompletableFuture.supplyAsync(() -> FamilyChecks.fitAndScore(ModelRegistry.get(family()).create(fast()), data, 3));
    assertArrayEquals(alone, first.join(), family() + " scores differ when fitted beside another fit");
    assertArrayEquals(alone, second.join(), family() + " scores differ when fitted beside another fit");
  }

  /** A file in the format the SameDiff models wrote (v1) is refused, naming both formats. */
  @Test
  void refusesVersionOneFiles() throws IOException {
    Model model = ModelRegistry.get(family()).create(fast());
    String old = model.fileFormat().replace(".v2", ".v1");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ArrayIO.writer(bytes, old).finish();
    IOException e = assertThrows(IOException.class, () -> model.load(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals("model file is '" + old + "', expected '" + model.fileFormat() + "'", e.getMessage());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(family(), fast(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidSharedParams() {
    FamilyChecks.assertInvalid(family(), Map.of("hidden", 0), "hidden");
    FamilyChecks.assertInvalid(family(), Map.of("max_len", 1), "max_len");
    FamilyChecks.assertInvalid(family(), Map.of("dropout", 1.0), "dropout");
    FamilyChecks.assertInvalid(family(), Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(family(), Map.of("l2", -1), "l2");
    FamilyChecks.assertInvalid(family(), Map.of("batch_size", 0), "batch_size");
    FamilyChecks.assertInvalid(family(), Map.of("epochs", 0), "epochs");
  }
}
