package movierec.models.puresvd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.model.InvalidParamException;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Products;
import movierec.models.linalg.RandomizedSvd;

/**
 * PureSVD: P. Cremonesi, Y. Koren, R. Turrin, "Performance of Recommender Algorithms on Top-N
 * Recommendation Tasks", RecSys 2010. The truncated SVD X ≈ U Σ Vᵀ of the binary user-item matrix;
 * scores are X V Vᵀ. V (the right singular vectors) comes from a randomized SVD of the sparse X
 * ({@link RandomizedSvd}, O(nnz · k)), not from an eigendecomposition of the items² Gram XᵀX, which took
 * minutes at 9.7k items; the user factors are then X V.
 */
public final class PureSvd implements Model {
  private static final String FORMAT = "movierec.puresvd.v1";

  private final PureSvdParams params;
  private Factors factors;

  public PureSvd(PureSvdParams params) {
    this.params = params;
  }

  @Override
  public void fit(TrainContext ctx) {
    Interactions x = ctx.train();
    int n = x.numItems();
    int k = params.factors();
    if (k > Math.min(n, x.numUsers())) throw new InvalidParamException("factors", "must be <= the number of items (" + n + ") and of users (" + x.numUsers() + ")");
    float[] v = RandomizedSvd.rightSingularVectors(x, k, ctx.seed());
    float[] u = new float[x.numUsers() * k];
    Products.sumRows(x, IntStream.range(0, x.numUsers()).toArray(), v, k, u);
    factors = new Factors(x.numUsers(), n, k, u, v);
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
    return FORMAT;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    factors.save(out, FORMAT);
  }

  @Override
  public void load(InputStream in) throws IOException {
    factors = Factors.load(in, FORMAT, params.factors());
  }
}
