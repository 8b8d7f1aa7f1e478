package movierec.core.data;

import java.nio.file.Path;

/**
 * Bad user input (data file, config, CLI argument, submission). The message is one line that names
 * the file, the line and the field, so the CLI can print it as it is and exit 2.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code file:line: field: problem} (line omitted when not positive, field when null). */
  public static InputException at(Path file, long line, String field, String problem) {
    StringBuilder sb = new StringBuilder(String.valueOf(file));
    if (line > 0) sb.append(':').append(line);
    sb.append(": ");
    if (field != null) sb.append(field).append(": ");
    return new InputException(sb.append(problem).toString());
  }
}
