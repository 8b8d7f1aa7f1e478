package movierec.models.multvae;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.models.nn.Activation;
import movierec.models.nn.Adam;
import movierec.models.nn.Losses;
import movierec.models.nn.NeuralModel;
import movierec.models.nn.Param;
import movierec.models.nn.SparseRows;
import movierec.models.nn.TanhAutoencoder;
import movierec.models.nn.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mult-VAE: D. Liang, R. G. Krishnan, M. D. Hoffman, T. Jebara, "Variational Autoencoders for
 * Collaborative Filtering", WWW 2018. A tanh encoder [items → hidden → 2·latent] gives a Gaussian
 * posterior, a sampled latent is decoded [latent → hidden → items] into a multinomial over items, and
 * the KL term's weight β grows linearly to a cap. Scores are the decoder's logits of the posterior mean.
 */
public final class MultVae extends NeuralModel {
  private final MultVaeParams p;
  private TanhAutoencoder net;
  private Adam adam;
  private int updates;
  private double annealSteps;

  public MultVae(MultVaeParams params) {
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
    net = new TanhAutoencoder(train.numItems(), p.hidden(), 2 * p.latent(), Activation.IDENTITY, p.latent(), init);
    adam = new Adam(net.params(), p.learningRate(), p.weightDecay());
    updates = 0;
    annealSteps = annealSteps(p, IntStream.range(0, train.numUsers()).filter(u -> train.length(u) > 0).count());
    return net.params();
  }

  /** Updates over which β reaches its cap when an epoch goes over {@code rows} users. */
  public static double annealSteps(MultVaeParams p, long rows) {
    int batch = batchSizeFor(p.batchSize(), (int) rows);
    return p.annealEpochs() * ((rows + batch - 1) / batch);
  }

  @Override
  protected double trainEpoch(int epoch) {
    return pass(this::trainBatch);
  }

  private double trainBatch(int[] users) {
    SparseRows x = SparseRows.of(train(), users);
    float[] noise = new float[users.length * p.latent()];
    SparseRows input = x.normalized(p.dropout(), rng);
    for (int k = 0; k < noise.length; k++) noise[k] = (float) rng.nextGaussian();
    double beta = annealSteps == 0 ? p.betaCap() : Math.min(p.betaCap(), p.betaCap() * updates / annealSteps);
    double loss = lossAndGradients(x, input, noise, beta);
    adam.step();
    updates++;
    return loss * users.length;
  }

  /**
   * The batch's mean negative ELBO (multinomial log-likelihood of {@code x} plus β·KL) given the encoder's
   * input and the reparameterization noise ε; sets every parameter's gradient.
   */
  double lossAndGradients(SparseRows x, SparseRows input, float[] noise, double beta) {
    int n = x.rows();
    int zDim = p.latent();
    float[] code = Tensors.read(net.encode(input));
    // z = μ + ε·σ with σ = exp(log σ² / 2); KL(N(μ, σ²) || N(0, 1)) = Σ (σ² + μ² - 1 - log σ²) / 2.
    float[] z = new float[n * zDim];
    double kl = 0;
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < zDim; j++) {
        float mu = code[b * 2 * zDim + j];
        float logVar = code[b * 2 * zDim + zDim + j];
        z[b * zDim + j] = mu + noise[b * zDim + j] * (float) Math.exp(0.5 * logVar);
        kl += 0.5 * (-logVar + Math.exp(logVar) + mu * mu - 1);
      }
    }
    INDArray logits = net.decode(Tensors.of(z, n, zDim));
    double nll = Losses.multinomial(logits, x, 1.0 / n);
    float[] dz = Tensors.read(net.backwardDecoder(logits));
    float[] dCode = new float[code.length];
    float klScale = (float) (beta / n);
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < zDim; j++) {
        float mu = code[b * 2 * zDim + j];
        float sigma = (float) Math.exp(0.5 * code[b * 2 * zDim + zDim + j]);
        float g = dz[b * zDim + j];
        dCode[b * 2 * zDim + j] = g + klScale * mu;
        dCode[b * 2 * zDim + zDim + j] = g * noise[b * zDim + j] * 0.5f * sigma + klScale * 0.5f * (sigma * sigma - 1);
      }
    }
    net.backwardEncoder(Tensors.of(dCode, n, 2 * zDim));
    return (nll + beta * kl) / n;
  }

  @Override
  public void score(int[] users, float[] out) {
    INDArray code = net.encode(SparseRows.of(train(), users).normalized(0, null));
    INDArray mu = code.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p.latent())).dup('c');
    Tensors.read(net.decode(mu), out);
  }
}
