package movierec.runners.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import movierec.core.data.InputException;
import movierec.runners.trial.DatasetSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class QualityBenchTest {
  private static final DatasetSpec TINY = DatasetSpec.synthetic("tiny", 42);

  @Test
  void referencesRunFirstAndUnknownFamiliesFailBeforeAnythingRuns() {
    assertEquals(List.of("mostpop", "ease", "itemknn"), QualityBench.families(List.of("itemknn", "ease")));
    assertTrue(QualityBench.families(List.of()).size() > 10);
    assertThrows(InputException.class, () -> QualityBench.families(List.of("nope")));
  }

  @Test
  void measuresAFamilyAndTablesItBesideTheReferences() {
    QualityBench.Row mostpop = QualityBench.measure(TINY, "mostpop", 0, 5, 2);
    QualityBench.Row itemknn = QualityBench.measure(TINY, "itemknn", 0, 5, 2);
    QualityBench.Row ials = QualityBench.measure(TINY, "ials", 0, 3, 0);
    assertNull(itemknn.failure());
    assertTrue(mostpop.recall() > 0);
    assertEquals(3, ials.epochs(), "epochs run are counted");
    String table = QualityBench.table(List.of(mostpop, itemknn, ials));
    String ratio = String.format("%.2f", itemknn.recall() / mostpop.recall());
    assertTrue(table.lines().anyMatch(l -> l.startsWith("itemknn") && l.contains(ratio)), table);
    assertEquals(4, table.lines().count(), table);
  }

  /** The real thing: one child JVM per family, the table printed at the end. */
  @Tag("slow")
  @Test
  void runsEachFamilyInItsOwnJvm() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<QualityBench.Row> rows = QualityBench.run(new QualityBench.Settings(TINY, List.of("itemknn"), 0, 3, 2, 120),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(List.of("mostpop", "ease", "itemknn"), rows.stream().map(QualityBench.Row::family).toList());
    rows.forEach(r -> assertNull(r.failure(), r.family() + ": " + r.failure()));
    rows.forEach(r -> assertTrue(r.peakMb() > 0, r.family() + " peak memory"));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("x ease"));
  }
}
