package movierec.submissions.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.eval.RankedLists;
import movierec.submissions.TopKFile;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.ArtifactFile;
import movierec.tracking.RunArtifacts;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;

/**
 * The source runs of an ensemble: named with weights ({@code ID[:weight],...}) or picked by a preset,
 * checked before any voting (finished, same validation split and data, both top-K artifacts present),
 * then read onto the dataset.
 */
public final class EnsembleSources {
  private static final Pattern RUN_ID = Pattern.compile("[0-9A-Za-z_-]+");
  private static final int POOL_LIMIT = 50;

  /** A source as named on the command line; {@code weight} is null when none was given. */
  public record Ref(String runId, Double weight) {}

  /** A checked source run and its given weight (1 when none was given). */
  public record SourceRun(RunInfo run, double givenWeight) {
    public String runId() {
      return run.runId();
    }

    public String family() {
      return run.tags().getOrDefault(RunKeys.FAMILY, "?");
    }

    public String splitHash() {
      return run.tags().get(RunKeys.SPLIT_HASH);
    }

    public String datasetHash() {
      return run.tags().get(RunKeys.DATASET_HASH);
    }
  }

  private EnsembleSources() {}

  /** Parses {@code ID[:weight],ID[:weight],...}. */
  public static List<Ref> parseRuns(String text) {
    List<Ref> refs = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String token : text.split(",", -1)) {
      String[] parts = token.trim().split(":", -1);
      if (parts.length > 2 || !RUN_ID.matcher(parts[0]).matches()) {
        throw new InputException("--runs: expected ID[:weight],..., found '" + token.trim() + "'");
      }
      Double weight = null;
      if (parts.length == 2) {
        try {
          weight = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
          throw new InputException("--runs: weight of " + parts[0] + " is not a number: '" + parts[1] + "'");
        }
        if (!(weight >= 0) || weight.isInfinite()) throw new InputException("--runs: weight of " + parts[0] + " must be >= 0, found " + parts[1]);
      }
      if (!ids.add(parts[0])) throw new InputException("--runs: run " + parts[0] + " is named twice");
      refs.add(new Ref(parts[0], weight));
    }
    return refs;
  }

  /** Looks up and checks named runs. */
  public static List<SourceRun> resolve(TrackingClient client, List<Ref> refs) {
    List<SourceRun> sources = new ArrayList<>();
    for (Ref ref : refs) {
      RunInfo run;
      try {
        run = client.getRun(ref.runId());
      } catch (TrackingException e) {
        if (e.isNotFound()) throw new InputException("unknown run id " + ref.runId());
        throw e;
      }
      sources.add(new SourceRun(run, ref.weight() == null ? 1.0 : ref.weight()));
    }
    check(client, sources);
    return sources;
  }

  /** The best run of each of the preset's number of families (trials only), by the metric, checked. */
  public static List<SourceRun> preset(TrackingClient client, List<String> experimentIds, EnsemblePreset preset, String metric) {
    return bestPerFamily(client, experimentIds, preset.families(), preset.families(), preset.key(), metric);
  }

  /**
   * The best run of every family (trials only, at most {@value #POOL_LIMIT}), best first, checked: the
   * candidates that greedy member selection picks from for a preset of {@code preset.families()} members.
   */
  public static List<SourceRun> pool(TrackingClient client, List<String> experimentIds, EnsemblePreset preset, String metric) {
    return bestPerFamily(client, experimentIds, POOL_LIMIT, preset.families(), preset.key() + " with greedy selection", metric);
  }

  private static List<SourceRun> bestPerFamily(TrackingClient client, List<String> experimentIds, int top, int needed, String what, String metric) {
    LeaderboardOptions options = LeaderboardOptions.defaults().withMetric(metric).withKinds(Set.of(RunKeys.KIND_TRIAL))
        .withPerFamily(true).withAllowMixedSplits(true).withTop(top);
    Leaderboard board = Leaderboard.load(client, experimentIds, options);
    List<LeaderboardEntry> best = board.isEmpty() ? List.of() : board.rankings().get(0).entries();
    if (best.size() < needed) {
      throw new InputException(what + " needs finished trials of " + needed + " families with " + options.rankingKey()
          + ", found " + best.size() + (best.isEmpty() ? "" : " (" + String.join(", ", best.stream().map(LeaderboardEntry::family).toList()) + ")"));
    }
    List<SourceRun> sources = best.stream().map(e -> new SourceRun(e.run(), 1.0)).toList();
    check(client, sources);
    return sources;
  }

  private static void check(TrackingClient client, List<SourceRun> sources) {
    for (SourceRun s : sources) {
      RunInfo run = s.run();
      if (run.status() != RunStatus.FINISHED) throw new InputException("run " + run.runId() + " is " + run.status() + "; only finished runs can be ensembled");
      if (s.splitHash() == null || s.datasetHash() == null) {
        throw new InputException("run " + run.runId() + " has no " + RunKeys.SPLIT_HASH + "/" + RunKeys.DATASET_HASH + " tags: not a movierec trial or ensemble");
      }
      Set<String> files = client.artifacts(run).list("").stream().map(ArtifactFile::path).collect(Collectors.toSet());
      for (String needed : List.of(TopKFile.VALIDATION, TopKFile.FINAL)) {
        if (!files.contains(needed)) throw new InputException("run " + run.runId() + " has no " + needed + " artifact");
      }
    }
    requireOne(sources, "validation split", SourceRun::splitHash);
    requireOne(sources, "dataset", SourceRun::datasetHash);
  }

  /** Votes are only comparable across lists of the same data, validated on the same answers. */
  private static void requireOne(List<SourceRun> sources, String what, Function<SourceRun, String> hash) {
    Map<String, List<String>> runsByHash = new LinkedHashMap<>();
    for (SourceRun s : sources) runsByHash.computeIfAbsent(hash.apply(s), k -> new ArrayList<>()).add(s.runId());
    if (runsByHash.size() > 1) {
      StringBuilder sb = new StringBuilder("source runs differ in " + what + ", an ensemble needs one:");
      runsByHash.forEach((h, runs) -> sb.append(" ").append(h, 0, Math.min(12, h.length())).append(" (").append(String.join(", ", runs)).append(")"));
      throw new InputException(sb.toString());
    }
  }

  /**
   * Downloads a source's top-K files and reads them onto the dataset.
   *
   * @param metric the per-epoch metric key whose best-epoch value the source is weighed by
   */
  public static Ensemble.Source read(TrackingClient client, SourceRun source, String metric, Dataset data) {
    Double value = source.run().metrics().get(RunKeys.best(metric));
    if (value == null) throw new InputException("run " + source.runId() + " has no metric " + RunKeys.best(metric));
    RunArtifacts artifacts = client.artifacts(source.run());
    return new Ensemble.Source(source.runId(), source.family(), value, source.givenWeight(),
        readTopK(artifacts, TopKFile.VALIDATION, source, data), readTopK(artifacts, TopKFile.FINAL, source, data));
  }

  private static RankedLists readTopK(RunArtifacts artifacts, String name, SourceRun source, Dataset data) {
    Path file = null;
    try {
      file = artifacts.download(name, Files.createTempFile("movierec-" + source.runId() + "-", "-" + name));
      return TopKFile.read(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " of run " + source.runId(), e);
    } finally {
      if (file != null) file.toFile().delete();
    }
  }
}
