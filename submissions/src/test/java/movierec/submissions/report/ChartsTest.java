package movierec.submissions.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void epochTicksAreLabelledAsWholeNumbersOnly() {
    assertEquals("2", Charts.epochLabel(2.0));
    assertEquals("0", Charts.epochLabel(0.0));
    assertEquals("", Charts.epochLabel(2.5), "a tick between two epochs has no label");
  }
}
