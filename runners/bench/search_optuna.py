"""Optuna's TPESampler on the test problems of `movierec bench search` (SearchBench.java defines the
same functions and spaces). Prints JSON: per problem and variant, the best value after each repetition,
and the time to ask for a trial once 500 trials are finished."""
import argparse
import json
import math
import time
import warnings

import numpy as np
import optuna

warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b, c, tt = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(t):
    x = [t.suggest_float(f"x{j}", 0, 1) for j in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(H_A[i][j] * (x[j] - H_P[i][j] * 1e-4) ** 2 for j in range(6))
        total += H_ALPHA[i] * math.exp(-inner)
    return -total


def conditional(t):
    family = t.suggest_categorical("family", ["sphere", "lr", "flat"])
    if family == "sphere":
        x = t.suggest_float("sphere.x", -5, 5)
        y = t.suggest_float("sphere.y", -5, 5)
        n = t.suggest_int("sphere.n", 1, 64, log=True)
        return (x * x + y * y) / 10 + (math.log2(n) - 3) ** 2 / 10
    if family == "lr":
        lr = t.suggest_float("lr.lr", 1e-5, 1, log=True)
        k = t.suggest_categorical("lr.k", ["a", "b", "c"])
        depth = t.suggest_int("lr.depth", 1, 10)
        return 0.3 + (math.log10(lr) + 2.5) ** 2 / 4 + {"a": 0.3, "b": 0.0, "c": 0.6}[k] + abs(depth - 4) / 10
    return 1.0 + t.suggest_float("flat.u", 0, 1)


PROBLEMS = {"branin": branin, "hartmann6": hartmann6, "conditional": conditional}


def sampler(variant, seed):
    if variant == "multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True)
    return optuna.samplers.TPESampler(seed=seed)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--trials", type=int, required=True)
    p.add_argument("--reps", type=int, required=True)
    p.add_argument("--problems", default="branin,hartmann6,conditional")
    p.add_argument("--variants", default="multivariate,univariate")
    p.add_argument("--latency-trials", type=int, default=500)
    a = p.parse_args()
    best = {}
    for name in a.problems.split(","):
        for variant in a.variants.split(","):
            values = []
            for rep in range(a.reps):
                study = optuna.create_study(sampler=sampler(variant, rep))
                study.optimize(PROBLEMS[name], n_trials=a.trials)
                values.append(study.best_value)
            best[f"{name}/{variant}"] = values
    study = optuna.create_study(sampler=sampler("multivariate", 0))
    study.optimize(hartmann6, n_trials=a.latency_trials)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        trial = study.ask()
        value = hartmann6(trial)  # Optuna samples inside suggest_*: the objective's cost is nil here
        times.append(time.perf_counter() - start)
        study.tell(trial, value)
    print(json.dumps({"optuna": optuna.__version__, "numpy": np.__version__, "best": best,
                      "ask_ms_median": 1000 * float(np.median(times))}))


if __name__ == "__main__":
    main()
