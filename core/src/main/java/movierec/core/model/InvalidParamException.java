package movierec.core.model;

import movierec.core.data.InputException;

/** A model parameter that is unknown, of the wrong type or out of range; names the parameter. */
public class InvalidParamException extends InputException {
  private final String param;

  public InvalidParamException(String param, String problem) {
    super(param + ": " + problem);
    this.param = param;
  }

  public String param() {
    return param;
  }

  /** Throws unless {@code ok}; used in params records' compact constructors. */
  public static void check(boolean ok, String param, String problem) {
    if (!ok) throw new InvalidParamException(param, problem);
  }
}
