package movierec.runners.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.model.Model;
import movierec.models.ModelRegistry;
import movierec.models.admmslim.AdmmSlimParams;

/**
 * ADMM-SLIM's fit beside EASE's on the same data in the same process (issue 14: at most 3× EASE's fit), wall and
 * CPU seconds, EASE at ADMM-SLIM's λ2 so that both factor a Gram matrix of the same regularization. Prints
 * figures; judges nothing by exit code.
 */
public final class SlimBench {
  static final double FIT_TARGET_RATIO = 3;

  private SlimBench() {}

  public static void run(Dataset data, PrintStream out) {
    out.printf("machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf("data: %s: %,d users x %,d items, %,d interactions%n", data.name(), data.numUsers(), data.numItems(), data.interactions().size());
    AdmmSlimParams p = new AdmmSlimParams();
    Model ease = ModelRegistry.get("ease").create(Map.of("lambda", p.lambda2()));
    Bench.CpuTimed easeFit = Bench.CpuTimed.of(() -> Bench.fit(ease, data));
    out.printf("ease fit            %7.2f s  (cpu %.2f s; lambda %s)%n", easeFit.seconds(), easeFit.cpuSeconds(), p.lambda2());
    Model slim = ModelRegistry.get("admm_slim").create(Map.of());
    Bench.CpuTimed slimFit = Bench.CpuTimed.of(() -> Bench.fit(slim, data));
    out.printf("admm_slim fit       %7.2f s  (cpu %.2f s; %s)%n", slimFit.seconds(), slimFit.cpuSeconds(), p);
    double ratio = slimFit.cpuSeconds() / easeFit.cpuSeconds();
    out.printf("admm_slim/ease      %7.2f     (cpu seconds; wall %.2f; target <= %.0f: %s)%n", ratio, slimFit.seconds() / easeFit.seconds(),
        FIT_TARGET_RATIO, ratio <= FIT_TARGET_RATIO ? "met" : "MISSED");
    out.printf("peak RSS (Java)     %,d MB%n", Bench.peakRssMb());
  }
}
