package movierec.models.multdae;

import java.util.List;
import java.util.SplittableRandom;
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

/**
 * Mult-DAE: D. Liang, R. G. Krishnan, M. D. Hoffman, T. Jebara, "Variational Autoencoders for
 * Collaborative Filtering", WWW 2018 (the denoising variant). The Mult-VAE network without the sampling
 * and the KL term: the dropped-out, L2-normalized history is encoded by tanh layers and decoded into a
 * multinomial over items.
 */
public final class MultDae extends NeuralModel {
  private final MultDaeParams p;
  private TanhAutoencoder net;
  private Adam adam;

  public MultDae(MultDaeParams params) {
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
    net = new TanhAutoencoder(train.numItems(), p.hidden(), p.latent(), Activation.TANH, p.latent(), init);
    adam = new Adam(net.params(), p.learningRate(), p.weightDecay());
    return net.params();
  }

  @Override
  protected double trainEpoch(int epoch) {
    return pass(this::trainBatch);
  }

  private double trainBatch(int[] users) {
    SparseRows x = SparseRows.of(train(), users);
    double loss = lossAndGradients(x, x.normalized(p.dropout(), rng));
    adam.step();
    return loss * users.length;
  }

  /** The batch's mean multinomial loss of reconstructing {@code x} from {@code input}; sets every parameter's gradient. */
  double lossAndGradients(SparseRows x, SparseRows input) {
    INDArray logits = net.decode(net.encode(input));
    double nll = Losses.multinomial(logits, x, 1.0 / x.rows());
    net.backwardEncoder(net.backwardDecoder(logits));
    return nll / x.rows();
  }

  @Override
  public void score(int[] users, float[] out) {
    Tensors.read(net.decode(net.encode(SparseRows.of(train(), users).normalized(0, null))), out);
  }
}
