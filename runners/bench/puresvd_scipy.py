"""Reference PureSVD fit in scipy, for `movierec bench` to compare against.

PureSVD (Cremonesi, Koren, Turrin, RecSys 2010): the top-k right singular vectors V of the binary
user-item matrix X, by scipy.sparse.linalg.svds (ARPACK, Lanczos on the sparse X), and the user factors
X V. Reads a competition-layout train_ratings.csv (user,item,time) and prints one JSON object.
"""
import argparse
import json
import time

import numpy as np
import scipy
from scipy.sparse.linalg import svds
from bench_data import read_interactions


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--factors", type=int, default=50, help="rank k of the truncated SVD")
    args = parser.parse_args()
    x = read_interactions(args.ratings)

    start = time.perf_counter()
    _, _, vt = svds(x, k=args.factors, random_state=0)
    user_factors = x @ vt.T
    fit = time.perf_counter() - start
    print(json.dumps({
        "users": int(x.shape[0]), "items": int(x.shape[1]), "factors": args.factors, "user_factors": list(user_factors.shape),
        "numpy": np.__version__, "scipy": scipy.__version__, "seconds": {"fit": round(fit, 3)},
    }))


if __name__ == "__main__":
    main()
