package movierec.runners.cli;

import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.split.Split;
import movierec.runners.trial.TrialSpec;
import movierec.submissions.ensemble.EnsembleConfig;
import movierec.tracking.RunArtifacts;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.TrackingClient;

/**
 * The data a run was validated on, rebuilt from its {@code config.json} (a trial's spec, or the one an
 * ensemble embeds) and checked against the run's hash tags, so that nothing is voted or validated
 * against data that changed since.
 *
 * @param trialConfig the trial spec JSON the data came from
 */
record RunData(RunInfo run, String trialConfig, TrialSpec spec, Dataset data) {

  static RunData of(TrackingClient client, RunInfo run) {
    RunArtifacts artifacts = client.artifacts(run);
    if (artifacts.list("").stream().noneMatch(f -> f.path().equals(EnsembleConfig.FILE))) {
      throw new InputException("run " + run.runId() + " has no " + EnsembleConfig.FILE + " artifact");
    }
    String trialConfig = EnsembleConfig.trialConfigOf(artifacts.readString(EnsembleConfig.FILE));
    TrialSpec spec;
    try {
      spec = TrialSpec.fromJson(trialConfig);
    } catch (IllegalArgumentException e) {
      throw new InputException("run " + run.runId() + ": " + EnsembleConfig.FILE + " is " + e.getMessage());
    }
    Dataset data = spec.dataset().load();
    requireTag(run, RunKeys.DATASET_HASH, data.hash(), "dataset " + spec.dataset().label());
    return new RunData(run, trialConfig, spec, data);
  }

  /** The validation split, recomputed and checked against the run's split hash. */
  Split split() {
    Split split = spec.split().apply(data.interactions());
    requireTag(run, RunKeys.SPLIT_HASH, split.hash(), "split " + spec.split());
    return split;
  }

  private static void requireTag(RunInfo run, String tag, String actual, String what) {
    String logged = run.tags().get(tag);
    if (logged != null && !logged.equals(actual)) {
      throw new InputException(what + " has hash " + actual + " now but " + logged + " when run " + run.runId() + " was logged: the data changed");
    }
  }
}
