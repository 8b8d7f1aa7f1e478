package movierec.runners.trial;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.InputException;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import movierec.core.train.RunDefaults;

/**
 * Where a trial's data comes from: a folder in the competition layout, or a synthetic preset with its
 * generator seed. The most recently loaded datasets are cached per JVM, so a sweep's trials share one copy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(String path, String synthetic, Long seed) {
  /** The competition data is a few hundred MB in memory; a worker rarely switches between more than two datasets. */
  static final RecentCache<DatasetSpec, Dataset> CACHE = new RecentCache<>(2);

  public DatasetSpec {
    if ((path == null) == (synthetic == null)) throw new InputException("dataset: give exactly one of 'path' or 'synthetic'");
    if (path != null && seed != null) throw new InputException("dataset: 'seed' applies to synthetic data only");
    if (synthetic != null) SyntheticConfig.preset(synthetic);
    if (synthetic != null && seed == null) seed = RunDefaults.DATA_SEED;
  }

  public static DatasetSpec folder(Path dir) {
    return new DatasetSpec(dir.toAbsolutePath().normalize().toString(), null, null);
  }

  public static DatasetSpec synthetic(String preset, long seed) {
    return new DatasetSpec(null, preset, seed);
  }

  public Dataset load() {
    return CACHE.get(this, spec -> spec.path != null
        ? DatasetLoader.load(Path.of(spec.path))
        : SyntheticData.generate(SyntheticConfig.preset(spec.synthetic), spec.seed, "synthetic-" + spec.synthetic + "-" + spec.seed));
  }

  /** Short label for logs and MLflow: the folder name or the preset and seed. */
  public String label() {
    return path != null ? Path.of(path).getFileName().toString() : "synthetic-" + synthetic + "-" + seed;
  }
}
