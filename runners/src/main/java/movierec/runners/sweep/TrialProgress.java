package movierec.runners.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import movierec.models.ModelRegistry;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;

/**
 * Epoch-level progress of the trials that run in this process, for the console's progress and ETA
 * inside long trials. Listeners are found by the sweep's config hash (a tag of the parent run, so the
 * console can listen before the sweep's parent run exists). Trials on other cluster nodes report nothing here:
 * their progress shows when they end.
 */
public final class TrialProgress {
  private static final Map<String, Listener> LISTENERS = new ConcurrentHashMap<>();

  /** Called from the threads that run trials. */
  public interface Listener {
    /** @param maxEpochs epochs the trial trains at most (early stopping may end it sooner); closed-form fits report no epoch */
    void trialStarted(String runName, String family, int maxEpochs);

    void epochDone(String runName, int epoch, int maxEpochs);
  }

  private TrialProgress() {}

  /** Until the returned handle is closed, trials of sweeps with this config hash report to {@code listener}. */
  public static AutoCloseable listen(String configHash, Listener listener) {
    LISTENERS.put(configHash, listener);
    return () -> LISTENERS.remove(configHash, listener);
  }

  /** @param trial the trial's run, which carries its sweep's config hash as a tag */
  static void started(RunInfo trial, TrialSpec spec) {
    Listener l = listener(trial);
    if (l != null) l.trialStarted(trial.runName(), spec.family(), maxEpochs(spec));
  }

  static void epoch(RunInfo trial, TrialSpec spec, int epoch) {
    Listener l = listener(trial);
    if (l != null) l.epochDone(trial.runName(), epoch, maxEpochs(spec));
  }

  private static Listener listener(RunInfo trial) {
    String hash = trial.tags().get(RunKeys.CONFIG_HASH);
    return hash == null ? null : LISTENERS.get(hash);
  }

  /**
   * The sweep's epoch cap, or the family's own {@code epochs} param when that is lower (the trainer
   * takes the smaller of the two); an upper bound, since early stopping may end the trial sooner.
   */
  static int maxEpochs(TrialSpec spec) {
    Object own = ModelRegistry.get(spec.family()).resolve(spec.params()).get("epochs");
    return own instanceof Number n ? Math.min(n.intValue(), spec.maxEpochs()) : spec.maxEpochs();
  }
}
