package movierec.models.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import movierec.core.model.IterativeModel;

/**
 * A factorization fitted epoch by epoch (iALS, BPR, LightGCN): subclasses fit {@link #factors}; this
 * class keeps the best epoch's copy, scores with it and saves it as the model file.
 */
public abstract class FactorModel extends IterativeModel<Factors> {
  private final String format;
  protected Factors factors;

  protected FactorModel(String format) {
    this.format = format;
  }

  /** The factor width the params ask for: a model file of another width is refused. */
  protected abstract int width();

  @Override
  protected Factors snapshot() {
    return factors.copy();
  }

  @Override
  protected void restore(Factors snapshot) {
    factors = snapshot;
  }

  @Override
  public void score(int[] users, float[] out) {
    factors.score(users, out);
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return format;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    factors.save(out, format);
  }

  @Override
  public void load(InputStream in) throws IOException {
    factors = Factors.load(in, format, width());
  }
}
