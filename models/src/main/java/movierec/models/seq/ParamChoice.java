package movierec.models.seq;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import movierec.core.model.InvalidParamException;

/** Enum-valued params, written in lower case. */
final class ParamChoice {
  private ParamChoice() {}

  /** The constant of {@code type} named {@code value}; an error naming {@code param} and the choices otherwise. */
  static <E extends Enum<E>> E parse(Class<E> type, String value, String param) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) return e;
    }
    String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "));
    throw new InvalidParamException(param, "must be " + choices + ", was '" + value + "'");
  }
}
