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
import scipy.sparse as sp
from scipy.sparse.linalg import svds


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--factors", type=int, default=50, help="rank k of the truncated SVD")
    args = parser.parse_args()
    rows = np.loadtxt(args.ratings, delimiter=",", skiprows=1, usecols=(0, 1), dtype=np.int64)
    _, users = np.unique(rows[:, 0], return_inverse=True)
    _, items = np.unique(rows[:, 1], return_inverse=True)
    x = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (users, items)), shape=(users.max() + 1, items.max() + 1))

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
