package movierec.models.seq;

import java.util.Locale;
import movierec.core.model.InvalidParamException;

/** The training loss at each predicted position. */
public enum Objective {
  /** Cross-entropy of a softmax over all items: every item is a negative, affordable at ~7k items. */
  SOFTMAX,
  /** Binary cross-entropy of the target against one unseen item sampled per position (SASRec paper). */
  BCE;

  /** Parses a params value ("softmax" or "bce"), naming {@code param} when it is neither. */
  public static Objective parse(String value, String param) {
    for (Objective o : values()) {
      if (o.name().toLowerCase(Locale.ROOT).equals(value)) return o;
    }
    throw new InvalidParamException(param, "must be softmax or bce, was '" + value + "'");
  }
}
