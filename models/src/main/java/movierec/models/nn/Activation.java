package movierec.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise activations applied in place, with the derivative expressed through the output. */
public enum Activation {
  IDENTITY {
    @Override
    public INDArray apply(INDArray x) {
      return x;
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
      return dy;
    }
  },
  TANH {
    @Override
    public INDArray apply(INDArray x) {
      return Transforms.tanh(x, false);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
      return dy.muli(y.mul(y).rsubi(1));
    }
  },
  SIGMOID {
    @Override
    public INDArray apply(INDArray x) {
      return Transforms.sigmoid(x, false);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
      return dy.muli(y.rsub(1).muli(y));
    }
  };

  /** Overwrites x with f(x) and returns it. */
  public abstract INDArray apply(INDArray x);

  /** Overwrites dy with dy·f'(x), given y = f(x), and returns it. */
  public abstract INDArray backward(INDArray y, INDArray dy);
}
