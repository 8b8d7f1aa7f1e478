package movierec.runners.sweep;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * In-process bookkeeping of a running sweep, found by its parent run id: which child runs are running
 * (so Ctrl-C can end them KILLED), completions for the waiting sweep, and the cancellation flag that
 * trials check between epochs. Jobs run on other cluster nodes report through MLflow instead.
 */
final class SweepProgress {
  private static final Map<String, SweepProgress> ACTIVE = new ConcurrentHashMap<>();

  final CountDownLatch remaining;
  final Set<String> runningRuns = ConcurrentHashMap.newKeySet();
  private final Consumer<TrialOutcome> onDone;
  volatile boolean cancelled;

  private SweepProgress(int trials, Consumer<TrialOutcome> onDone) {
    this.remaining = new CountDownLatch(trials);
    this.onDone = onDone;
  }

  static SweepProgress register(String parentRunId, int trials, Consumer<TrialOutcome> onDone) {
    SweepProgress p = new SweepProgress(trials, onDone);
    ACTIVE.put(parentRunId, p);
    return p;
  }

  static SweepProgress of(String parentRunId) {
    return ACTIVE.get(parentRunId);
  }

  static void unregister(String parentRunId) {
    ACTIVE.remove(parentRunId);
  }

  /** @param outcome null when the trial could not even start its run */
  void done(TrialOutcome outcome) {
    if (outcome != null) onDone.accept(outcome);
    remaining.countDown();
  }
}
