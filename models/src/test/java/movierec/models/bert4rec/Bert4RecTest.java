package movierec.models.bert4rec;

import java.util.Map;
import movierec.models.FamilyChecks;
import movierec.models.seq.SequenceFamilyContract;
import org.junit.jupiter.api.Test;

class Bert4RecTest extends SequenceFamilyContract {
  @Override
  protected String family() {
    return "bert4rec";
  }

  @Override
  protected Map<String, Object> fast() {
    return FAST_ATTENTION;
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(family(), Map.of("blocks", 0), "blocks");
    FamilyChecks.assertInvalid(family(), Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 1.0), "mask_probability");
  }
}
