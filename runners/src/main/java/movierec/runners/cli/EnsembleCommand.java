package movierec.runners.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.core.eval.Metric;
import movierec.core.split.Split;
import movierec.runners.env.LocalMlflow;
import movierec.submissions.ensemble.Ensemble;
import movierec.submissions.ensemble.EnsemblePreset;
import movierec.submissions.ensemble.EnsembleRun;
import movierec.submissions.ensemble.EnsembleSources;
import movierec.submissions.ensemble.EnsembleSpec;
import movierec.submissions.ensemble.MemberSelection;
import movierec.submissions.ensemble.RankDecay;
import movierec.submissions.ensemble.ScoreNormalization;
import movierec.submissions.ensemble.VotingMethod;
import movierec.submissions.ensemble.WeightMode;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Credentials;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunInfo;
import movierec.tracking.TrackingClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec ensemble}: weighted hard voting over source runs, evaluated on their split and logged as a run. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = "Vote the top-K lists of source runs into an ensemble, evaluate it on the sources' validation split and log it to MLflow as a run.")
final class EnsembleCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Sources sources;

  static final class Sources {
    @Option(names = "--preset", description = "best3, best4, best7 or best10: the best run of each of the N best families")
    String preset;

    @Option(names = "--runs", description = "source runs: ID[:weight],ID[:weight],...")
    String runs;
  }

  @Option(names = "--method", defaultValue = "weighted", description = "hard (one vote per source), weighted, blend (weighted sum of normalized scores), or stack (boosted trees "
      + "re-rank the sources' candidates, trained on validation answers) (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--weights", description = "given, auto (proportional to validation metric) or tuned (searched on the validation split); "
      + "default: given when --runs has weights, else auto")
  String weights;

  @Option(names = "--rank-decay", defaultValue = "none", description = "none, or log: a vote counts 1/log2(rank+1) (default: ${DEFAULT-VALUE})")
  String rankDecay;

  @Option(names = "--normalize", defaultValue = "minmax", description = "how --method blend scales each source's scores per user: "
      + "rank, minmax, zscore or softmax (default: ${DEFAULT-VALUE})")
  String normalize;

  @Option(names = "--select", defaultValue = "rank", description = "how a preset picks its N members: rank (the best run of the N best families) "
      + "or greedy (forward selection from the best run of every family, adding the one that most improves the ensemble on the tuning half "
      + "of the validation users) (default: ${DEFAULT-VALUE})")
  String select;

  @Option(names = "--experiment", description = "where presets pick runs and the ensemble is logged (default: every experiment for presets; "
      + "the first source's experiment for the log)")
  String experiment;

  @Option(names = "--metric", defaultValue = LeaderboardOptions.DEFAULT_METRIC, description = "validation metric (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--tune-samples", defaultValue = "" + EnsembleSpec.DEFAULT_TUNE_SAMPLES, description = "random weight vectors tried before refining (default: ${DEFAULT-VALUE})")
  int tuneSamples;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the weight search (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    Optional<EnsemblePreset> presetChoice = Optional.ofNullable(sources.preset).map(EnsemblePreset::parse);
    List<EnsembleSources.Ref> refs = sources.runs == null ? List.of() : EnsembleSources.parseRuns(sources.runs);
    boolean weightsGiven = refs.stream().anyMatch(r -> r.weight() != null);
    VotingMethod voting = VotingMethod.parse(method);
    if (voting == VotingMethod.HARD && weightsGiven) throw new InputException("--runs: hard voting counts every source once; drop the weights or use --method weighted");
    if (voting == VotingMethod.STACK && weightsGiven) throw new InputException("--runs: stacking learns how to weigh its sources; drop the weights");
    WeightMode mode = weights != null ? WeightMode.parse(weights)
        : voting == VotingMethod.STACK ? WeightMode.TUNED
        : voting == VotingMethod.HARD || weightsGiven ? WeightMode.GIVEN : WeightMode.AUTO;
    EnsembleSpec spec = new EnsembleSpec(voting, mode, RankDecay.parse(rankDecay), ScoreNormalization.parse(normalize), Metric.parse(metric), tuneSamples, seed);

    boolean greedy = switch (select) {
      case "rank" -> false;
      case "greedy" -> true;
      default -> throw new InputException("--select: unknown value '" + select + "'; valid: rank, greedy");
    };
    if (greedy && presetChoice.isEmpty()) throw new InputException("--select greedy picks a preset's members; it needs --preset");
    if (greedy && voting == VotingMethod.STACK) throw new InputException("--select greedy: stacking weighs every member it is given itself; use --select rank");

    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      List<String> experimentIds = Experiments.ids(client, experiment == null ? List.of() : List.of(experiment));
      List<EnsembleSources.SourceRun> sourceRuns = presetChoice.isEmpty() ? EnsembleSources.resolve(client, refs)
          : greedy ? EnsembleSources.pool(client, experimentIds, presetChoice.get(), spec.metric().key())
          : EnsembleSources.preset(client, experimentIds, presetChoice.get(), spec.metric().key());
      RunData runData = RunData.of(client, sourceRuns.get(0).run());
      Split split = runData.split();
      String logTo = experiment != null ? experimentIds.get(0) : sourceRuns.get(0).run().experimentId();
      List<Ensemble.Source> lists = new ArrayList<>();
      for (EnsembleSources.SourceRun s : sourceRuns) lists.add(EnsembleSources.read(client, s, spec.metric().key(), runData.data()));
      if (greedy) {
        List<MemberSelection.Step> steps = Ensemble.selectMembers(lists, spec, runData.data(), split, runData.spec().filters(), presetChoice.get().families());
        System.out.printf("greedy selection from %d families (%s on the tuning half of the validation users, auto weights):%n", lists.size(), spec.metric().key());
        for (MemberSelection.Step step : steps) {
          Ensemble.Source s = lists.get(step.candidate());
          System.out.printf(Locale.ROOT, "  + %-10s %-32s ensemble %.4f (%+.4f)%n", s.family(), s.runId(), step.value(), step.gain());
        }
        if (steps.size() < 2) throw new InputException("--select greedy: no second member improves on " + lists.get(steps.get(0).candidate()).family() + " alone");
        List<EnsembleSources.SourceRun> pool = sourceRuns;
        List<Ensemble.Source> poolLists = lists;
        sourceRuns = steps.stream().map(st -> pool.get(st.candidate())).toList();
        lists = steps.stream().map(st -> poolLists.get(st.candidate())).toList();
      }

      try (EnsembleRun run = EnsembleRun.start(client, logTo, spec, presetChoice, sourceRuns, LocalMlflow.gitCommit())) {
        Ensemble.Result result = Ensemble.build(lists, spec, runData.data(), split, runData.spec().filters());
        RunInfo logged = run.finish(result, lists, runData.data(), runData.trialConfig());
        print(spec, lists, result, logged, client.trackingUri());
        return 0;
      }
    }
  }

  private static void print(EnsembleSpec spec, List<Ensemble.Source> sources, Ensemble.Result result, RunInfo run, String uri) {
    String key = spec.metric().key();
    boolean tuned = result.auto().isPresent();
    System.out.printf("%-10s %-32s %12s %8s%s%n", "family", "source run", key, "weight", tuned ? "  auto weight" : "");
    for (int i = 0; i < sources.size(); i++) {
      Ensemble.Source s = sources.get(i);
      System.out.printf(Locale.ROOT, "%-10s %-32s %12.4f %8.3f%s%n", s.family(), s.runId(), result.sources().get(i).get(spec.metric().metric()),
          result.chosen().weights()[i], tuned ? String.format(Locale.ROOT, "  %11.3f", result.auto().get().weights()[i]) : "");
    }
    double best = result.sources().stream().mapToDouble(e -> e.get(spec.metric().metric())).max().orElseThrow();
    double ensemble = result.chosen().metric(spec);
    System.out.printf(Locale.ROOT, "%nvalidation %s: best single run %.4f, ensemble (%s weights) %.4f (%+.4f)%n", key, best, spec.weights().key(), ensemble,
        ensemble - best);
    result.auto().ifPresent(auto -> System.out.printf(Locale.ROOT, "  auto weights %.4f (%+.4f) vs tuned %.4f (%+.4f); tuned weights are fit to this "
        + "validation split, so their gain overstates what the hidden answers will show%n", auto.metric(spec), auto.metric(spec) - best, ensemble, ensemble - best));
    result.heldOut().ifPresent(h -> {
      double bestHeldOut = h.sources().stream().mapToDouble(e -> e.get(spec.metric().metric())).max().orElseThrow();
      double tunedHeldOut = h.ensemble().get(spec.metric().metric());
      System.out.printf(Locale.ROOT, "held-out %s (%d validation users the weights were not tuned on): best single run %.4f, ensemble %.4f (%+.4f, %+.1f%%), "
          + "auto weights %.4f; the leaderboard ranks by the held-out figure%n", key, h.ensemble().usersEvaluated(), bestHeldOut, tunedHeldOut,
          tunedHeldOut - bestHeldOut, 100 * (tunedHeldOut - bestHeldOut) / bestHeldOut, h.autoWeights().get(spec.metric().metric()));
    });
    System.out.printf("logged as run %s: %s%n", run.runId(), MlflowLinks.run(MlflowLinks.redact(uri), run.experimentId(), run.runId()));
  }
}
