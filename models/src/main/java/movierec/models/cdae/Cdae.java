package movierec.models.cdae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.models.nn.Activation;
import movierec.models.nn.Adam;
import movierec.models.nn.Dense;
import movierec.models.nn.Losses;
import movierec.models.nn.NeuralModel;
import movierec.models.nn.Param;
import movierec.models.nn.SparseInput;
import movierec.models.nn.SparseRows;
import movierec.models.nn.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CDAE: Y. Wu, C. DuBois, A. X. Zheng, M. Ester, "Collaborative Denoising Auto-Encoders for Top-N
 * Recommender Systems", WSDM 2016. The corrupted history plus a per-user input node is encoded by one
 * sigmoid layer and decoded into one logit per item, trained with the logistic loss on every item.
 * The user node is an extra input column per user, so the sparse input layer holds the user vectors.
 */
public final class Cdae extends NeuralModel {
  private final CdaeParams p;
  private SparseInput input;
  private Dense output;
  private Adam adam;

  public Cdae(CdaeParams params) {
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
    input = new SparseInput(train.numItems() + train.numUsers(), p.hidden(), init);
    output = new Dense(p.hidden(), train.numItems(), init);
    List<Param> params = new ArrayList<>(input.params());
    params.addAll(output.params());
    adam = new Adam(params, p.learningRate(), p.weightDecay());
    return params;
  }

  @Override
  protected double trainEpoch(int epoch) {
    return pass(this::trainBatch);
  }

  private double trainBatch(int[] users) {
    SparseRows x = SparseRows.of(train(), users);
    double loss = lossAndGradients(x, x.dropout(p.dropout(), rng).withIndicators(users, train().numUsers()));
    adam.step();
    return loss * users.length;
  }

  /** The batch's mean logistic loss of reconstructing {@code x} from {@code input}; sets every parameter's gradient. */
  double lossAndGradients(SparseRows x, SparseRows input) {
    INDArray hidden = Activation.SIGMOID.apply(this.input.forward(input));
    INDArray logits = output.forward(hidden);
    double loss = Losses.logistic(logits, x, 1.0 / x.rows());
    INDArray dHidden = output.backward(hidden, logits, true);
    this.input.backward(input, Activation.SIGMOID.backward(hidden, dHidden));
    return loss / x.rows();
  }

  @Override
  public void score(int[] users, float[] out) {
    SparseRows x = SparseRows.of(train(), users).withIndicators(users, train().numUsers());
    Tensors.read(output.forward(Activation.SIGMOID.apply(input.forward(x))), out);
  }
}
