package movierec.submissions.ensemble;

import java.util.Locale;

/**
 * The N best runs of distinct families, as the competition team voted them (Best4 was its second-best entry);
 * best10 is for stacking, which weighs its members itself and so can take weaker ones that err differently.
 */
public enum EnsemblePreset {
  BEST3(3), BEST4(4), BEST7(7), BEST10(10);

  private final int families;

  EnsemblePreset(int families) {
    this.families = families;
  }

  public int families() {
    return families;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EnsemblePreset parse(String name) {
    return EnsembleSpec.parseEnum(EnsemblePreset.class, name, "--preset");
  }
}
