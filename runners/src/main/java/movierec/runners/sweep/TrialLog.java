package movierec.runners.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The trial's own log file (uploaded as an artifact): timestamped lines, flushed as they come. */
final class TrialLog implements AutoCloseable {
  static final String FILE = "trial.log";
  private final PrintWriter out;

  TrialLog(Path dir) {
    try {
      Files.createDirectories(dir);
      out = new PrintWriter(Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void line(String format, Object... args) {
    out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + String.format(format, args));
  }

  void error(Throwable t) {
    line("failed: %s", t);
    t.printStackTrace(out);
  }

  @Override
  public void close() {
    out.close();
  }
}
