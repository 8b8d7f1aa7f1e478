package movierec.runners.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluation;
import movierec.core.eval.Metric;
import movierec.core.testing.Fixtures;
import movierec.models.ModelRegistry;
import movierec.submissions.ensemble.Ensemble;
import movierec.submissions.ensemble.EnsemblePreset;
import movierec.submissions.ensemble.VotingMethod;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fifteen ensembles of three sources: ~10 s on an idle machine, so slow-tier. */
@Tag("slow")
class EnsembleBenchTest {

  @Test
  void tableRowsAreHeldOutFiguresBelowTheOracleBound() {
    String out = table(List.of(VotingMethod.values()));

    Matcher best = Pattern.compile("(\\d\\.\\d{4})  <- best single").matcher(out);
    assertTrue(best.find(), out);
    double bestSingle = Double.parseDouble(best.group(1));
    Matcher oracle = Pattern.compile("top 100 *of the best single run \\d\\.\\d{4}; of any of the 3 sources (\\d\\.\\d{4})").matcher(out);
    assertTrue(oracle.find(), out);
    double bound = Double.parseDouble(oracle.group(1));
    // preset, select, method (two words), members, weights, held-out, gain.
    Matcher row = Pattern.compile("(?m)^best3 +(rank|greedy) +\\S+ \\S+ +\\S+ +\\S+ +(\\d\\.\\d{4}) +([+-]\\d+\\.\\d{2})%").matcher(out);
    int rows = 0;
    while (row.find()) {
      rows++;
      double heldOut = Double.parseDouble(row.group(2));
      assertTrue(heldOut <= bound, "an ensemble cannot beat the oracle of its candidates: " + row.group());
      assertEquals(100 * (heldOut / bestSingle - 1), Double.parseDouble(row.group(3)), 0.02 + 100 * 0.0001 / bestSingle, row.group());
    }
    // Rank choice gives all 7 methods and stacking; greedy rows may say that no second member helps instead.
    assertTrue(rows >= 8, out);
    assertTrue(out.contains(" stack tuned "), out);
  }

  @Test
  void stackingAloneGetsItsRowsAndTheSourcesFigures() {
    String out = table(List.of(VotingMethod.STACK));
    assertTrue(out.contains("<- best single"), out);
    assertTrue(Pattern.compile("(?m)^best3 +rank +stack tuned .* \\d\\.\\d{4} +[+-]\\d+\\.\\d{2}%").matcher(out).find(), out);
  }

  /** The bench's table over ease, itemknn and mostpop trained on the tiny fixture, best3 with {@code methods}. */
  private static String table(List<VotingMethod> methods) {
    Dataset data = Fixtures.tiny();
    List<Ensemble.Source> pool = new ArrayList<>();
    for (String family : List.of("ease", "itemknn", "mostpop")) {
      Evaluation e = Fixtures.validate(ModelRegistry.get(family).create(Map.of()), data, 0).evaluation();
      pool.add(new Ensemble.Source(family + "-run", family, e.recall(), 1, e.lists(), e.lists()));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EnsembleBench.table(pool, EnsembleBench.configs(List.of(EnsemblePreset.BEST3), methods), Metric.parse("recall_at_10"), 5, 0, data, Fixtures.holdout(data),
        CandidateFilters.SEEN_ONLY, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
