package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.time.Instant;
import movierec.runners.sweep.Heartbeat;
import movierec.runners.sweep.Schedulers;
import movierec.tracking.RunStatus;
import org.quartz.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec worker}: a scheduler node that runs trials from a clustered job store until stopped.
 * Trials log to the tracking server named in their job data, so a worker needs no other setting.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run trials of sweeps submitted to a clustered Quartz job store (e.g. infra/scheduler/quartz-cluster.properties) until Ctrl-C.")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--scheduler", required = true, description = "Quartz properties file of the cluster")
  Path schedulerConfig;

  @Option(names = "--parallel", defaultValue = "0", description = "trials at once on this node (default: the file's thread count)")
  int parallel;

  @Override
  public Integer call() throws Exception {
    if (parallel < 0) throw new movierec.core.data.InputException("--parallel: must be at least 1 (or 0 for the file's thread count), found " + parallel);
    Scheduler scheduler = Schedulers.fromFile(schedulerConfig, parallel);
    if (!scheduler.getMetaData().isJobStoreClustered()) {
      throw new IllegalArgumentException(schedulerConfig + ": org.quartz.jobStore.isClustered is not true; a worker needs a shared job store");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        // The running trials' jobs are recovered by another node (requestRecovery); their runs end here.
        String node = scheduler.getSchedulerInstanceId();
        int killed = Heartbeat.closeOwnRuns(RunStatus.KILLED, "worker " + node + " stopped at " + Instant.now() + "; the job is recovered by another node");
        System.out.printf("worker %s stopping: %d running trial%s ended KILLED%n", node, killed, killed == 1 ? "" : "s");
        scheduler.shutdown(false);
      } catch (Exception ignored) {
        // Exiting anyway.
      }
      stopped.countDown();
    }));
    scheduler.start();
    System.out.printf("worker %s of cluster %s running %d trials at a time; Ctrl-C stops it%n",
        scheduler.getSchedulerInstanceId(), scheduler.getSchedulerName(), scheduler.getMetaData().getThreadPoolSize());
    stopped.await();
    return 0;
  }
}
