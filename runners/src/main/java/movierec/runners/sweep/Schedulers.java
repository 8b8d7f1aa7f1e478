package movierec.runners.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import movierec.core.data.InputException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Builds Quartz schedulers: in-memory with a bounded thread pool (the default), or from a properties
 * file such as {@code infra/scheduler/quartz-cluster.properties} (JDBC job store shared by the nodes
 * of a cluster). Trial jobs carry only strings, so both run the same jobs.
 */
public final class Schedulers {
  private Schedulers() {}

  public static Scheduler inMemory(int threads) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "movierec-" + UUID.randomUUID());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    // Trials wait for a free thread for as long as the sweep runs: waiting is not a misfire.
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(7L * 24 * 3600 * 1000));
    return new StdSchedulerFactory(p).getScheduler();
  }

  /** A scheduler from a Quartz properties file, with {@code threads} overriding the pool size when positive. */
  public static Scheduler fromFile(Path file, int threads) throws SchedulerException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read scheduler properties: " + e.getMessage());
    }
    if (threads > 0) p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.putIfAbsent("org.quartz.scheduler.skipUpdateCheck", "true");
    return new StdSchedulerFactory(p).getScheduler();
  }
}
