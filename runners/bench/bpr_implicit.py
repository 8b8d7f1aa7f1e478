"""Reference BPR fit in `implicit` (CPU), for `movierec bench` to compare against.

BPR-MF (Rendle et al., UAI 2009) with an item bias, as movierec's `bpr`: same factors (implicit adds the
bias column as movierec does), learning rate, regularization and epochs, one sampled triple per interaction
an epoch, negatives verified unseen. implicit runs its SGD on all cores (Hogwild); movierec's on one thread.
Reads a competition-layout train_ratings.csv (user,item,time) and prints one JSON object: fit seconds and
the process's peak RSS.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import implicit
import numpy as np
from implicit.cpu.bpr import BayesianPersonalizedRanking
from bench_data import peak_rss_mb, read_interactions



def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ratings", required=True, help="train_ratings.csv (user,item,time with a header)")
    parser.add_argument("--factors", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--regularization", type=float, default=0.002)
    parser.add_argument("--iterations", type=int, default=10)
    args = parser.parse_args()
    x = read_interactions(args.ratings)

    model = BayesianPersonalizedRanking(factors=args.factors, learning_rate=args.learning_rate, regularization=args.regularization,
                                        iterations=args.iterations, verify_negative_samples=True, random_state=0)
    start = time.perf_counter()
    model.fit(x, show_progress=False)
    fit = time.perf_counter() - start
    print(json.dumps({
        "users": int(x.shape[0]), "items": int(x.shape[1]), "implicit": implicit.__version__,
        "factor_width": int(model.item_factors.shape[1]), "seconds": {"fit": round(fit, 3)}, "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main()
