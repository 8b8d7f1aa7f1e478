package movierec.models.seq;

import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a graph's gradient function without the line per differentiated op that SameDiff 1.0.0-M2.1
 * prints to stdout (an unconditional println, not a log call; hundreds of lines per model).
 */
final class QuietGradients {
  private static final String NOISE = "Added differentiated op ";

  private QuietGradients() {}

  /** Creates {@code sd}'s gradient function with stdout filtered; other output passes through. */
  static synchronized void create(SameDiff sd) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(original, true) {
      @Override
      public void println(String line) {
        if (line == null || !line.startsWith(NOISE)) super.println(line);
      }
    });
    try {
      sd.createGradFunction();
    } finally {
      System.setOut(original);
    }
  }
}
