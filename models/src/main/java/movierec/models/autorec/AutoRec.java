package movierec.models.autorec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
 * Item-based AutoRec (I-AutoRec): S. Sedhain, A. K. Menon, S. Sanner, L. Xie, "AutoRec: Autoencoders Meet
 * Collaborative Filtering", WWW 2015. Each item's column of users is encoded by one sigmoid layer and
 * reconstructed linearly. With implicit feedback every entry counts (the paper's observed-only loss
 * would see only ones), so the loss is the squared error over all users. A user's score for an item is
 * the reconstruction of the item's column at that user.
 */
public final class AutoRec extends NeuralModel {
  private final AutoRecParams p;
  private Interactions byItem;
  private SparseInput input;
  private Dense output;
  private Adam adam;
  /** Every item's code, computed on first scoring after the weights change. */
  private INDArray codes;

  public AutoRec(AutoRecParams params) {
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
  protected Interactions trainingRows() {
    return byItem;
  }

  @Override
  protected List<Param> build(Interactions train, SplittableRandom init) {
    byItem = transpose(train);
    input = new SparseInput(train.numUsers(), p.hidden(), init);
    output = new Dense(p.hidden(), train.numUsers(), init);
    List<Param> params = new ArrayList<>(input.params());
    params.addAll(output.params());
    adam = new Adam(params, p.learningRate(), p.weightDecay());
    codes = null;
    return params;
  }

  private static Interactions transpose(Interactions train) {
    int[] users = new int[train.size()];
    int[] items = new int[train.size()];
    for (int u = 0; u < train.numUsers(); u++) {
      for (int k = train.start(u); k < train.end(u); k++) {
        users[k] = u;
        items[k] = train.item(k);
      }
    }
    return Interactions.fromTriples(train.numItems(), train.numUsers(), items, users, new long[items.length]);
  }

  @Override
  protected double trainEpoch(int epoch) {
    codes = null;
    return pass(this::trainBatch);
  }

  private double trainBatch(int[] items) {
    SparseRows x = SparseRows.of(byItem, items);
    double loss = lossAndGradients(x);
    adam.step();
    return loss * items.length;
  }

  /** The batch's mean squared error of reconstructing the item columns {@code x}; sets every parameter's gradient. */
  double lossAndGradients(SparseRows x) {
    INDArray hidden = Activation.SIGMOID.apply(input.forward(x));
    INDArray out = output.forward(hidden);
    double loss = Losses.squared(out, x, 1.0 / x.rows());
    input.backward(x, Activation.SIGMOID.backward(hidden, output.backward(hidden, out, true)));
    return loss / x.rows();
  }

  @Override
  public void score(int[] users, float[] out) {
    if (codes == null) codes = Activation.SIGMOID.apply(input.forward(SparseRows.of(byItem, IntStream.range(0, byItem.numUsers()).toArray())));
    // Reconstruction of item i at user u: codes[i]·W[:, u] + b[u], for all items at once per user.
    INDArray userWeights = output.weights().getColumns(users).transpose().dup('c');
    INDArray scores = Tensors.zeros(users.length, byItem.numUsers());
    Tensors.gemm(userWeights, false, codes, true, scores);
    scores.addiColumnVector(output.bias().getColumns(users).transpose());
    Tensors.read(scores, out);
  }

  @Override
  protected void restore(List<float[]> snapshot) {
    super.restore(snapshot);
    codes = null;
  }
}
