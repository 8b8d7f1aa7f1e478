package movierec.runners.sweep;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * In-process bookkeeping of a running sweep, found by its parent run id: which child runs are running
 * (so Ctrl-C can end them KILLED), completions for the sweep's ask/tell loop, the pruner trials report
 * their epochs to, and the cancellation flag that trials check between epochs. Jobs run on other
 * cluster nodes report through MLflow instead.
 */
final class SweepProgress {
  private static final Map<String, SweepProgress> ACTIVE = new ConcurrentHashMap<>();

  /** A trial's job ended; {@code outcome} is null when it could not even start its run. */
  record Done(String key, TrialOutcome outcome) {}

  /** Where a running trial's epochs go; answers why it should stop, or null. */
  interface Pruning {
    String report(String key, int epoch, double value);
  }

  final Set<String> runningRuns = ConcurrentHashMap.newKeySet();
  /** Null in a cluster: there the sweep reads outcomes back from MLflow. */
  final BlockingQueue<Done> done;
  /** Null in a cluster: there the sweep's process prunes through {@link movierec.tracking.RunKeys#PRUNE_REQUEST}. */
  final Pruning pruning;
  volatile boolean cancelled;
  volatile boolean over;

  private SweepProgress(boolean inProcess, Pruning pruning) {
    this.done = inProcess ? new LinkedBlockingQueue<>() : null;
    this.pruning = pruning;
  }

  static SweepProgress register(String parentRunId, boolean inProcess, Pruning pruning) {
    SweepProgress p = new SweepProgress(inProcess, pruning);
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
  void done(String key, TrialOutcome outcome) {
    if (done != null) done.add(new Done(key, outcome));
  }
}
