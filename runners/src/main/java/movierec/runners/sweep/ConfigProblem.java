package movierec.runners.sweep;

/**
 * A bad value found by a config record's own constructor. The key is relative to the record (a
 * component name such as {@code trials}, or empty for the record itself); {@link YamlFile#bind}
 * prefixes the record's place in the file and adds the line, so the user reads
 * {@code sweep.yaml:7: search.trials: must be >= 1, found 0}.
 */
public final class ConfigProblem extends RuntimeException {
  private final String key;

  public ConfigProblem(String key, String problem) {
    super(problem);
    this.key = key;
  }

  /** Relative key, snake_case components separated by '/'; empty for the record itself. */
  public String key() {
    return key;
  }

  /** The value, or {@code fallback} when the key is absent; fails when below {@code min}. */
  public static int atLeast(String key, Integer value, int fallback, int min) {
    int v = value == null ? fallback : value;
    if (v < min) throw new ConfigProblem(key, "must be >= " + min + ", found " + v);
    return v;
  }

  /** As {@link #atLeast(String, Integer, int, int)} for long values such as seeds. */
  public static long atLeast(String key, Long value, long fallback, long min) {
    long v = value == null ? fallback : value;
    if (v < min) throw new ConfigProblem(key, "must be >= " + min + ", found " + v);
    return v;
  }

  /** The value; fails naming what is expected when the key is absent. */
  public static <T> T required(String key, T value, String expected) {
    if (value == null) throw new ConfigProblem(key, "required" + (expected.isEmpty() ? "" : ": " + expected));
    return value;
  }
}
