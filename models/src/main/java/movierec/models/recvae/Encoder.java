package movierec.models.recvae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.models.nn.Dense;
import movierec.models.nn.Param;
import movierec.models.nn.SparseInput;
import movierec.models.nn.SparseRows;
import movierec.models.nn.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RecVAE's encoder: five hidden layers h_k = LayerNorm(swish(W_k·h_{k-1} + b_k + h_1 + … + h_{k-1})),
 * the first on the sparse input, then a dense layer to [μ, log σ²]. Layer norm uses ε = 0.1 and a
 * learned scale and shift, as the authors' code. Element-wise work runs in Java on rows in parallel.
 */
final class Encoder {
  private static final int LAYERS = 5;
  private static final float LN_EPS = 0.1f;

  private final int hidden;
  private final SparseInput first;
  private final Dense[] dense = new Dense[LAYERS - 1];
  private final Param.Array[] scale = new Param.Array[LAYERS];
  private final Param.Array[] shift = new Param.Array[LAYERS];
  private final Dense code;
  // Forward state for backward: inputs, pre-activations, normalized values, inverse deviations, outputs.
  private SparseRows input;
  private final float[][] pre = new float[LAYERS][];
  private final float[][] norm = new float[LAYERS][];
  private final float[][] invStd = new float[LAYERS][];
  private final INDArray[] out = new INDArray[LAYERS];

  Encoder(int items, int hidden, int latent, SplittableRandom rng) {
    this.hidden = hidden;
    first = new SparseInput(items, hidden, rng);
    for (int k = 0; k < LAYERS - 1; k++) dense[k] = new Dense(hidden, hidden, rng);
    for (int k = 0; k < LAYERS; k++) {
      scale[k] = Param.Array.zeros(hidden);
      Arrays.fill(scale[k].value(), 1f);
      shift[k] = Param.Array.zeros(hidden);
    }
    code = new Dense(hidden, 2 * latent, rng);
  }

  List<Param> params() {
    List<Param> ps = new ArrayList<>(first.params());
    for (Dense d : dense) ps.addAll(d.params());
    for (int k = 0; k < LAYERS; k++) {
      ps.add(scale[k]);
      ps.add(shift[k]);
    }
    ps.addAll(code.params());
    return ps;
  }

  /** [μ, log σ²] (rows × 2·latent) for a batch of normalized, possibly dropped-out rows. */
  INDArray forward(SparseRows x) {
    input = x;
    int n = x.rows();
    float[] residual = new float[n * hidden];
    for (int k = 0; k < LAYERS; k++) {
      float[] a = Tensors.read(k == 0 ? first.forward(x) : dense[k - 1].forward(out[k - 1]));
      if (k > 0) for (int i = 0; i < a.length; i++) a[i] += residual[i];
      pre[k] = a;
      norm[k] = new float[a.length];
      invStd[k] = new float[n];
      float[] h = new float[a.length];
      int layer = k;
      IntStream.range(0, n).parallel().forEach(r -> normalizeRow(layer, r, h));
      for (int i = 0; i < h.length; i++) residual[i] += h[i];
      out[k] = Tensors.of(h, n, hidden);
    }
    return code.forward(out[LAYERS - 1]);
  }

  /** LayerNorm(swish(a)) of one row: keeps the normalized values and the inverse deviation. */
  private void normalizeRow(int k, int r, float[] h) {
    int o = r * hidden;
    float[] a = pre[k];
    float[] xh = norm[k];
    double mean = 0;
    for (int j = 0; j < hidden; j++) {
      float s = swish(a[o + j]);
      xh[o + j] = s;
      mean += s;
    }
    mean /= hidden;
    double var = 0;
    for (int j = 0; j < hidden; j++) var += (xh[o + j] - mean) * (xh[o + j] - mean);
    float inv = (float) (1 / Math.sqrt(var / hidden + LN_EPS));
    invStd[k][r] = inv;
    float[] g = scale[k].value();
    float[] b = shift[k].value();
    for (int j = 0; j < hidden; j++) {
      xh[o + j] = (float) ((xh[o + j] - mean) * inv);
      h[o + j] = g[j] * xh[o + j] + b[j];
    }
  }

  /** Sets every encoder gradient from the code's gradient, for the last forward batch. */
  void backward(INDArray dCode) {
    int n = input.rows();
    float[][] dOut = new float[LAYERS][];
    dOut[LAYERS - 1] = Tensors.read(code.backward(out[LAYERS - 1], dCode, true));
    for (int k = LAYERS - 1; k >= 0; k--) {
      float[] dPre = normBackward(k, dOut[k], n);
      // h_k fed layer k+1 directly and every later layer through the residual sums.
      for (int m = 0; m < k; m++) {
        if (dOut[m] == null) dOut[m] = new float[dPre.length];
        float[] d = dOut[m];
        for (int i = 0; i < d.length; i++) d[i] += dPre[i];
      }
      INDArray dPreArr = Tensors.of(dPre, n, hidden);
      if (k == 0) {
        first.backward(input, dPreArr);
      } else {
        float[] dIn = Tensors.read(dense[k - 1].backward(out[k - 1], dPreArr, true));
        float[] d = dOut[k - 1];
        for (int i = 0; i < d.length; i++) d[i] += dIn[i];
      }
    }
  }

  /** Through layer norm (with its scale and shift gradients) and swish: d pre-activation from d output. */
  private float[] normBackward(int k, float[] dh, int n) {
    float[] gs = scale[k].grad();
    float[] gb = shift[k].grad();
    float[] xh = norm[k];
    Arrays.fill(gs, 0f);
    Arrays.fill(gb, 0f);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < hidden; j++) {
        gs[j] += dh[r * hidden + j] * xh[r * hidden + j];
        gb[j] += dh[r * hidden + j];
      }
    }
    float[] g = scale[k].value();
    float[] a = pre[k];
    float[] dPre = new float[dh.length];
    IntStream.range(0, n).parallel().forEach(r -> {
      int o = r * hidden;
      double meanD = 0;
      double meanDx = 0;
      for (int j = 0; j < hidden; j++) {
        float d = dh[o + j] * g[j];
        meanD += d;
        meanDx += d * xh[o + j];
      }
      meanD /= hidden;
      meanDx /= hidden;
      for (int j = 0; j < hidden; j++) {
        float ds = (float) (invStd[k][r] * (dh[o + j] * g[j] - meanD - xh[o + j] * meanDx));
        float sig = sigmoid(a[o + j]);
        dPre[o + j] = ds * (sig + a[o + j] * sig * (1 - sig));
      }
    });
    return dPre;
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  private static float swish(float x) {
    return x * sigmoid(x);
  }
}
