package movierec.runners.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
  private static final SearchSpace LINE = SearchSpace.builder().family("q", Map.of("x", new Distribution.Uniform(-10, 10, false))).build();

  private static double x(SearchTrial t) {
    return ((Number) t.assignment().params().get("x")).doubleValue();
  }

  private static Search run(SearchSpace space, Sampler sampler, int trials, ToDoubleFunction<Assignment> loss) {
    Search s = new Search(space, sampler, Pruner.NONE, false);
    for (int i = 0; i < trials; i++) {
      SearchTrial t = s.ask();
      s.tell(t.number(), loss.applyAsDouble(t.assignment()));
    }
    return s;
  }

  @Test
  void concentratesOnTheGoodRegionOfAQuadraticAfterStartup() {
    Search s = run(LINE, new TpeSampler(7, TpeSampler.Settings.DEFAULTS), 60, a -> Math.pow(((Number) a.params().get("x")).doubleValue() - 2, 2));
    double[] startup = s.trials().subList(0, 10).stream().mapToDouble(t -> Math.abs(x(t) - 2)).sorted().toArray();
    double[] late = s.trials().subList(30, 60).stream().mapToDouble(t -> Math.abs(x(t) - 2)).sorted().toArray();
    double lateMedian = late[late.length / 2];
    // Uniform draws on [-10, 10] are a median 5 away from 2; TPE's later proposals cluster near it.
    assertTrue(lateMedian < 2.0, "median distance of trials 30-59 from the optimum: " + lateMedian + " (startup " + Arrays.toString(startup) + ")");
    assertTrue(Math.pow(x(s.best()) - 2, 2) < 0.01, "best " + x(s.best()));
  }

  @Test
  void sameSeedSameTrialsAnotherSeedOthers() {
    SearchSpace space = SearchSpace.builder()
        .family("a", Map.of("lr", new Distribution.Uniform(1e-4, 1, true), "k", new Distribution.IntRange(1, 512, true)))
        .family("b", Map.of("c", new Distribution.Choice(List.of("x", "y", "z")), "n", new Distribution.IntRange(0, 9, false)))
        .build();
    ToDoubleFunction<Assignment> loss = a -> a.family().equals("a")
        ? Math.abs(Math.log10(((Number) a.params().get("lr")).doubleValue()) + 2) + Math.abs(Math.log((Long) a.params().get("k")) - 3)
        : 1 + ((Long) a.params().get("n")) / 10.0 + (a.params().get("c").equals("y") ? 0 : 0.5);
    List<Assignment> first = run(space, new TpeSampler(3, TpeSampler.Settings.DEFAULTS), 40, loss).trials().stream().map(SearchTrial::assignment).toList();
    List<Assignment> again = run(space, new TpeSampler(3, TpeSampler.Settings.DEFAULTS), 40, loss).trials().stream().map(SearchTrial::assignment).toList();
    List<Assignment> other = run(space, new TpeSampler(4, TpeSampler.Settings.DEFAULTS), 40, loss).trials().stream().map(SearchTrial::assignment).toList();
    assertEquals(first, again);
    assertNotEquals(first, other);
    // Family a reaches loss 0, b never below 1: TPE should spend most of its model-based trials on a.
    long onA = first.subList(20, 40).stream().filter(a -> a.family().equals("a")).count();
    assertTrue(onA >= 14, "model-based trials on the better family: " + onA + " of 20");
  }

  @Test
  void runningTrialsAreLiarsSoParallelAsksDiffer() {
    Search s = run(LINE, new TpeSampler(1, TpeSampler.Settings.DEFAULTS), 20, a -> Math.pow(((Number) a.params().get("x")).doubleValue() - 2, 2));
    SearchTrial first = s.ask();
    SearchTrial second = s.ask(); // first still running
    assertNotEquals(x(first), x(second));
  }

  @Test
  void intsStayIntegersInRangeAndLogIntsCoverTheirRange() {
    SearchSpace space = SearchSpace.builder().family("f", Map.of("k", new Distribution.IntRange(1, 1000, true))).build();
    Search s = run(space, new TpeSampler(1, TpeSampler.Settings.DEFAULTS), 50, a -> Math.abs(Math.log((Long) a.params().get("k")) - Math.log(30)));
    for (SearchTrial t : s.trials()) {
      long k = (Long) t.assignment().params().get("k");
      assertTrue(k >= 1 && k <= 1000, "k " + k);
    }
    long k = (Long) s.best().assignment().params().get("k");
    assertTrue(k >= 20 && k <= 45, "best k " + k);
  }

  @Test
  void eachTrialCarriesExactlyItsFamilysParameters() {
    SearchSpace space = SearchSpace.builder()
        .family("a", Map.of("lr", new Distribution.Uniform(1e-4, 1, true)))
        .family("b", Map.of("c", new Distribution.Choice(List.of(1, 2)), "n", new Distribution.IntRange(3, 9, false)))
        .build();
    Search s = run(space, new TpeSampler(2, TpeSampler.Settings.DEFAULTS.withStartupTrials(5)), 30, a -> a.family().equals("a") ? 1 : 0);
    for (SearchTrial t : s.trials()) assertEquals(space.subSpace(t.family()).keySet(), t.assignment().params().keySet());
  }
}
