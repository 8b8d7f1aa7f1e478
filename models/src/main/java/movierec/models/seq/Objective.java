package movierec.models.seq;

/** The training loss at each predicted position. */
public enum Objective {
  /** Cross-entropy of a softmax over all items: every item is a negative, affordable at ~7k items. */
  SOFTMAX,
  /**
   * Binary cross-entropy of the target against unseen items sampled per position: one in the SASRec
   * paper, many with gSASRec's calibrated gBCE (see {@link SequenceModel#calibration()}).
   */
  BCE;

  /** Parses a params value ("softmax" or "bce"), naming {@code param} when it is neither. */
  public static Objective parse(String value, String param) {
    return ParamChoice.parse(Objective.class, value, param);
  }
}
