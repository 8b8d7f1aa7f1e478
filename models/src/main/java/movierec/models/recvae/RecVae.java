package movierec.models.recvae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.models.nn.Adam;
import movierec.models.nn.Dense;
import movierec.models.nn.Losses;
import movierec.models.nn.NeuralModel;
import movierec.models.nn.Param;
import movierec.models.nn.SparseRows;
import movierec.models.nn.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * RecVAE: I. Shenbin, A. Alekseev, E. Tutubalina, V. Malykh, S. I. Nikolenko, "RecVAE: a New Variational
 * Autoencoder for Top-N Recommendations with Implicit Feedback", WSDM 2020. A five-layer residual
 * encoder with layer norm and swish, a linear decoder, and a composite prior: a mixture of N(0, 1), the
 * posterior of the encoder as it was after the previous round (weight 3/4) and a wide N(0, e^10). Each
 * epoch alternates encoder passes (with input dropout) and one decoder pass (without); a user's KL
 * weight is γ times the length of the user's history (β rescaling).
 *
 * <p>The frozen encoder's posterior of every user is computed once per round, when the prior is updated,
 * rather than by a second encoder in every step: the encoder does not change during the decoder pass,
 * so that pass reuses the same codes and runs no encoder at all. Per epoch this is one encoder forward
 * pass over the users in place of seven.
 */
public final class RecVae extends NeuralModel {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double[] MIXTURE_LOG_WEIGHTS = {Math.log(3.0 / 20), Math.log(3.0 / 4), Math.log(1.0 / 10)};
  private static final double WIDE_LOG_VAR = 10;

  private final RecVaeParams p;
  private Encoder encoder;
  /**
   * [μ, log σ²] (rows × 2·latent) of every training row under the encoder as it was when the prior was
   * last updated, without dropout: one component of the prior, and the decoder pass's posterior.
   */
  private float[] priorCodes;
  private Dense decoder;
  private Adam encoderAdam;
  private Adam decoderAdam;

  public RecVae(RecVaeParams params) {
    this.p = params;
  }

  @Override
  protected int requestedEpochs() {
    return p.epochs();
  }

  @Override
  protected int batchSize() {
    return p.batchSize();
  }

  @Override
  protected List<Param> build(Interactions train, SplittableRandom init) {
    encoder = new Encoder(train.numItems(), p.hidden(), p.latent(), init);
    decoder = new Dense(p.latent(), train.numItems(), init);
    priorCodes = null;
    encoderAdam = new Adam(encoder.params(), p.learningRate(), 0);
    decoderAdam = new Adam(decoder.params(), p.learningRate(), 0);
    List<Param> params = new ArrayList<>(encoder.params());
    params.addAll(decoder.params());
    return params;
  }

  private void updatePrior() {
    Interactions rows = train();
    int width = 2 * p.latent();
    priorCodes = new float[rows.numUsers() * width];
    int size = p.batchSize();
    for (int from = 0; from < rows.numUsers(); from += size) {
      int[] users = IntStream.range(from, Math.min(rows.numUsers(), from + size)).toArray();
      float[] code = Tensors.read(encoder.forward(SparseRows.of(rows, users).normalized(0, null)));
      System.arraycopy(code, 0, priorCodes, from * width, users.length * width);
    }
  }

  private float[] priorCodes(int[] users) {
    int width = 2 * p.latent();
    float[] out = new float[users.length * width];
    for (int b = 0; b < users.length; b++) System.arraycopy(priorCodes, users[b] * width, out, b * width, width);
    return out;
  }

  @Override
  protected double trainEpoch(int epoch) {
    if (priorCodes == null) updatePrior();
    for (int pass = 0; pass < p.encoderPasses(); pass++) pass(users -> step(users, true));
    updatePrior();
    return pass(users -> step(users, false));
  }

  private double step(int[] users, boolean encoderStep) {
    SparseRows x = SparseRows.of(train(), users);
    SparseRows input = encoderStep ? x.normalized(p.dropout(), rng) : null;
    float[] noise = new float[users.length * p.latent()];
    for (int k = 0; k < noise.length; k++) noise[k] = (float) rng.nextGaussian();
    double loss = lossAndGradients(x, input, priorCodes(users), noise, encoderStep);
    (encoderStep ? encoderAdam : decoderAdam).step();
    return loss * users.length;
  }

  /**
   * The batch's mean negative ELBO with the composite prior, given the frozen encoder's codes of the batch
   * ({@code old}) and the noise ε. An encoder step encodes {@code input} and sets the encoder's gradients;
   * a decoder step takes {@code old} as the posterior (the encoder is the frozen one then) and sets the
   * decoder's (the KL term does not depend on the decoder).
   */
  double lossAndGradients(SparseRows x, SparseRows input, float[] old, float[] noise, boolean encoderStep) {
    int n = x.rows();
    int zDim = p.latent();
    float[] code = encoderStep ? Tensors.read(encoder.forward(input)) : old;
    float[] z = new float[n * zDim];
    // dKL/dz per entry: Σ_k r_k (z - m_k) / var_k over the prior's components (r = their posterior weights).
    float[] klGradZ = new float[n * zDim];
    double kl = 0;
    double[] logDensity = new double[3];
    for (int b = 0; b < n; b++) {
      double weight = p.gamma() * x.rowSum(b);
      for (int j = 0; j < zDim; j++) {
        int c = b * 2 * zDim + j;
        float eps = noise[b * zDim + j];
        double logVar = code[c + zDim];
        double zj = code[c] + eps * Math.exp(0.5 * logVar);
        z[b * zDim + j] = (float) zj;
        double[] means = {0, old[c], 0};
        double[] logVars = {0, old[c + zDim], WIDE_LOG_VAR};
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
          logDensity[k] = MIXTURE_LOG_WEIGHTS[k] + logNormal(zj, means[k], logVars[k]);
          max = Math.max(max, logDensity[k]);
        }
        double sum = 0;
        for (int k = 0; k < 3; k++) sum += Math.exp(logDensity[k] - max);
        double grad = 0;
        for (int k = 0; k < 3; k++) grad += Math.exp(logDensity[k] - max) / sum * (zj - means[k]) / Math.exp(logVars[k]);
        klGradZ[b * zDim + j] = (float) (weight * grad);
        // log q(z|x) at z = μ + εσ is -(log σ² + log 2π + ε²) / 2.
        kl += weight * (-0.5 * (logVar + LOG_2PI + eps * eps) - (max + Math.log(sum)));
      }
    }
    INDArray zArr = Tensors.of(z, n, zDim);
    INDArray logits = decoder.forward(zArr);
    double nll = Losses.multinomial(logits, x, 1.0 / n);
    if (!encoderStep) {
      decoder.backward(zArr, logits, false);
      return (nll + kl) / n;
    }
    float[] dz = Tensors.read(decoder.backwardInput(logits));
    float[] dCode = new float[code.length];
    for (int b = 0; b < n; b++) {
      double weight = p.gamma() * x.rowSum(b);
      for (int j = 0; j < zDim; j++) {
        int c = b * 2 * zDim + j;
        float eps = noise[b * zDim + j];
        float sigma = (float) Math.exp(0.5 * code[c + zDim]);
        float g = dz[b * zDim + j] + klGradZ[b * zDim + j] / n;
        dCode[c] = g;
        // z depends on log σ² through σ; log q(z|x) adds -1/2 per entry (its ε-terms cancel with z's).
        dCode[c + zDim] = g * 0.5f * eps * sigma - (float) (0.5 * weight / n);
      }
    }
    encoder.backward(Tensors.of(dCode, n, 2 * zDim));
    return (nll + kl) / n;
  }

  private static double logNormal(double x, double mean, double logVar) {
    return -0.5 * (logVar + LOG_2PI + (x - mean) * (x - mean) / Math.exp(logVar));
  }

  @Override
  public void score(int[] users, float[] out) {
    INDArray code = encoder.forward(SparseRows.of(train(), users).normalized(0, null));
    INDArray mu = code.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p.latent())).dup('c');
    Tensors.read(decoder.forward(mu), out);
  }
}
