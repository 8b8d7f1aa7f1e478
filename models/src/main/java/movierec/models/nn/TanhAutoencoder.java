package movierec.models.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Liang et al.'s network: a sparse input layer to {@code hidden} units (tanh), a dense layer to the code,
 * then a decoder {@code latent → hidden (tanh) → items}. Mult-VAE reads the code as [μ, log σ²]
 * (width 2·latent, no activation) and samples the latent from it; Mult-DAE uses the code directly
 * (width latent, tanh).
 */
public final class TanhAutoencoder {
  private final SparseInput input;
  private final Mlp encoder;
  private final Mlp decoder;
  private INDArray hidden;
  private SparseRows lastInput;

  public TanhAutoencoder(int items, int hidden, int codeWidth, Activation codeActivation, int latent, SplittableRandom rng) {
    input = new SparseInput(items, hidden, rng);
    encoder = new Mlp(new int[] {hidden, codeWidth}, Activation.TANH, codeActivation, rng);
    decoder = new Mlp(new int[] {latent, hidden, items}, Activation.TANH, Activation.IDENTITY, rng);
  }

  public List<Param> params() {
    List<Param> ps = new ArrayList<>(input.params());
    ps.addAll(encoder.params());
    ps.addAll(decoder.params());
    return ps;
  }

  /** The code of a batch of (normalized, possibly dropped-out) input rows. */
  public INDArray encode(SparseRows x) {
    lastInput = x;
    hidden = Activation.TANH.apply(input.forward(x));
    return encoder.forward(hidden);
  }

  /** Item logits for a batch of latent vectors. */
  public INDArray decode(INDArray z) {
    return decoder.forward(z);
  }

  /** Decoder gradients from the logits' gradient; returns the latent's gradient. */
  public INDArray backwardDecoder(INDArray dLogits) {
    return decoder.backward(dLogits, true);
  }

  /** Encoder gradients from the code's gradient (for the last {@link #encode}d batch). */
  public void backwardEncoder(INDArray dCode) {
    INDArray dHidden = encoder.backward(dCode, true);
    input.backward(lastInput, Activation.TANH.backward(hidden, dHidden));
  }
}
