"""Reference EASE fit in numpy/scipy, timed part by part, for `movierec bench` to compare against.

EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), written as in the
paper's published code: G = X^T X (dense), G += lambda I, P = G^-1, B = -P / diag(P), diag(B) = 0.
Reads a competition-layout train_ratings.csv (user,item,time) and prints one JSON object.
"""
import argparse
import json
import time

import numpy as np
import scipy
from bench_data import interaction_matrix, read_pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--lambda", dest="lam", type=float, default=500.0, help="L2 weight on the diagonal")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                        help="float64 is what the published EASE code does")
    args = parser.parse_args()
    dtype = np.dtype(args.dtype)
    seconds = {}

    start = time.perf_counter()
    pairs = read_pairs(args.ratings)
    seconds["load"] = time.perf_counter() - start

    start = time.perf_counter()
    x = interaction_matrix(pairs, dtype)
    seconds["sparse_build"] = time.perf_counter() - start

    start = time.perf_counter()
    gram = (x.T @ x).toarray()
    seconds["gram"] = time.perf_counter() - start

    start = time.perf_counter()
    gram[np.diag_indices_from(gram)] += args.lam
    inverse = np.linalg.inv(gram)
    seconds["inverse"] = time.perf_counter() - start

    start = time.perf_counter()
    weights = inverse / (-np.diag(inverse))
    weights[np.diag_indices_from(weights)] = 0.0
    seconds["weights"] = time.perf_counter() - start

    seconds["fit"] = seconds["gram"] + seconds["inverse"] + seconds["weights"]
    print(json.dumps({
        "users": int(x.shape[0]), "items": int(x.shape[1]), "interactions": int(x.nnz),
        "lambda": args.lam, "dtype": args.dtype, "numpy": np.__version__, "scipy": scipy.__version__,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
    }))


if __name__ == "__main__":
    main()
