"""Reference iALS fit in `implicit` (CPU), for `movierec bench` to compare against.

iALS (Hu, Koren, Volinsky, ICDM 2008) with conjugate-gradient row solves (Takacs et al., RecSys 2011),
as movierec's `ials`: same factors, regularization, alpha and iterations (implicit's CPU solver takes
three CG steps per row, movierec's default). Reads a
competition-layout train_ratings.csv (user,item,time) and prints one JSON object: fit seconds and the
process's peak RSS.
"""
import argparse
import json
import os
import time

# implicit parallelizes over rows itself and warns unless BLAS runs single-threaded (its own advice).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import implicit
import numpy as np
from implicit.cpu.als import AlternatingLeastSquares
from bench_data import peak_rss_mb, read_interactions



def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--factors", type=int, default=64)
    parser.add_argument("--regularization", type=float, default=50)
    parser.add_argument("--alpha", type=float, default=20)
    parser.add_argument("--iterations", type=int, default=12)
    args = parser.parse_args()
    x = read_interactions(args.ratings)

    model = AlternatingLeastSquares(factors=args.factors, regularization=args.regularization, alpha=args.alpha,
                                    iterations=args.iterations, use_cg=True, random_state=0)
    start = time.perf_counter()
    model.fit(x, show_progress=False)
    fit = time.perf_counter() - start
    print(json.dumps({
        "users": int(x.shape[0]), "items": int(x.shape[1]), "implicit": implicit.__version__,
        "seconds": {"fit": round(fit, 3)}, "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main()
