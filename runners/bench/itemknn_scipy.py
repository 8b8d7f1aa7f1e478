"""Reference item-based cosine kNN in numpy/scipy, for `movierec bench` to compare against.

As movierec's `itemknn` (Deshpande and Karypis, TOIS 2004) at its defaults: cosine similarity of the items'
user sets with `shrink` added to the denominator, each item's k most similar items kept, and the candidate
form of the score (item j sums its similarities to the user's items among j's k neighbours). Fit: the Gram
matrix X^T X (scipy sparse product), the similarities and the top k per row (argpartition). Evaluation: every
user's scores X S in batches of 512 users, seen items masked, the top 10 selected (argpartition). Reads a
competition-layout train_ratings.csv (user,item,time) and prints one JSON object with both times and the
process's peak RSS.
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.sparse as sp
from bench_data import peak_rss_mb, read_interactions



def fit(x, k, shrink):
    gram = (x.T @ x).toarray()
    norms = np.sqrt(np.diag(gram)).astype(np.float32)
    sim = gram / (np.outer(norms, norms) + np.float32(shrink))
    sim[gram == 0] = -np.inf
    np.fill_diagonal(sim, -np.inf)
    n = sim.shape[0]
    k = min(k, n - 1)
    neighbours = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    weights = np.take_along_axis(sim, neighbours, axis=1)
    kept = np.isfinite(weights)
    rows = np.repeat(np.arange(n), k)[kept.ravel()]
    # W[j, i] = sim(j, i) for i among j's neighbours; a history item i adds W[j, i] to item j: S = W^T.
    w = sp.csr_matrix((weights[kept], (rows, neighbours[kept])), shape=(n, n), dtype=np.float32)
    return w.T.tocsr()


def evaluate(x, s, depth=10, batch=512):
    found = 0
    for start in range(0, x.shape[0], batch):
        rows = x[start:start + batch]
        scores = (rows @ s).toarray()
        seen_r, seen_c = rows.nonzero()
        scores[seen_r, seen_c] = -np.inf
        top = np.argpartition(-scores, depth - 1, axis=1)[:, :depth]
        found += top.shape[0]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--shrink", type=float, default=10)
    args = parser.parse_args()
    x = read_interactions(args.ratings)

    start = time.perf_counter()
    s = fit(x, args.k, args.shrink)
    fitted = time.perf_counter()
    ranked = evaluate(x, s)
    done = time.perf_counter()
    print(json.dumps({
        "users": int(x.shape[0]), "items": int(x.shape[1]), "k": args.k, "ranked_users": ranked, "weights": int(s.nnz),
        "numpy": np.__version__, "scipy": scipy.__version__,
        "seconds": {"fit": round(fitted - start, 3), "evaluation": round(done - fitted, 3)}, "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main()
