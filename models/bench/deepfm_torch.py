"""PyTorch CPU reference for the DeepFM epoch benchmark (movierec.models.bench.FeatureBench).

The same model as movierec's `deepfm` (models/src/main/java/movierec/models/deepfm/DeepFm.java) on the same
feature encoding, which the bench writes out (`features.txt`: per item its `field,feature,weight` entries;
`train.txt`: `user item` per interaction, 0-based): one table of rows [v_f, w_f] per feature (users first),
FM(u, i) = w_u + sum x_f w_f + <v_u, S_i> + 1/2 (|S_i|^2 - sum x_f^2 |v_f|^2) with S_i = sum x_f v_f, plus an
MLP (ReLU 6k -> h1 -> h2, linear output) over [v_u, e_item, e_genre, e_director, e_writer, e_decade], e_F the
field's weighted sum. Per epoch as many positives as interactions, drawn uniformly, each with `negatives`
unwatched items; batches of `batch` positives; summed logistic loss; Adagrad (initial accumulator 1, weight
decay = regularization) as movierec's. Prints one RESULT line with the median epoch's wall and CPU seconds.
"""
import argparse
import math
import statistics
import time

import numpy as np
import torch
from torch import nn

FIELDS = 6


def load(folder):
    with open(f"{folder}/features.txt") as f:
        n_users, n_items, n_features = map(int, f.readline().split())
        entries = [[tuple(e.split(",")) for e in line.split()] for line in f]
    train = np.loadtxt(f"{folder}/train.txt", dtype=np.int64, ndmin=2)
    # Per field a padded (items x longest) index and weight matrix; padding points at feature 0 with weight 0.
    index, weight = [], []
    for field in range(1, FIELDS):
        rows = [[(int(g), float(x)) for fl, g, x in item if int(fl) == field] for item in entries]
        width = max(1, max(len(r) for r in rows))
        idx = np.zeros((n_items, width), dtype=np.int64)
        w = np.zeros((n_items, width), dtype=np.float32)
        for i, r in enumerate(rows):
            for j, (g, x) in enumerate(r):
                idx[i, j], w[i, j] = g, x
        index.append(torch.from_numpy(idx))
        weight.append(torch.from_numpy(w))
    return n_users, n_items, n_features, train, index, weight


class DeepFm(nn.Module):
    def __init__(self, n_features, k, h1, h2, index, weight):
        super().__init__()
        self.k = k
        self.table = nn.Parameter(torch.randn(n_features, k + 1) * 0.01)
        with torch.no_grad():
            self.table[:, k] = 0
        self.index, self.weight = index, weight
        self.l1, self.l2, self.l3 = nn.Linear(FIELDS * k, h1), nn.Linear(h1, h2), nn.Linear(h2, 1)
        for layer, gain in ((self.l1, 2.0), (self.l2, 2.0), (self.l3, 1.0)):
            nn.init.normal_(layer.weight, std=math.sqrt(gain / layer.in_features))
            nn.init.zeros_(layer.bias)

    def forward(self, users, items):
        k = self.k
        user = self.table[users]
        score = user[:, k]
        fields, linear, squares = [], 0, 0
        for idx, w in zip(self.index, self.weight):
            rows = self.table[idx[items]]
            x = w[items].unsqueeze(-1)
            fields.append((x * rows[..., :k]).sum(1))
            linear = linear + (x[..., 0] * rows[..., k]).sum(1)
            squares = squares + (x * x * rows[..., :k] ** 2).sum((1, 2))
        s = sum(fields)
        score = score + linear + (user[:, :k] * s).sum(1) + 0.5 * ((s * s).sum(1) - squares)
        e = torch.cat([user[:, :k]] + fields, 1)
        deep = self.l3(torch.relu(self.l2(torch.relu(self.l1(e))))).squeeze(1)
        return score + deep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--negatives", type=int, default=4)
    ap.add_argument("--factors", type=int, default=16)
    ap.add_argument("--hidden1", type=int, default=64)
    ap.add_argument("--hidden2", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--reg", type=float, default=0.0001)
    args = ap.parse_args()
    torch.manual_seed(0)
    n_users, n_items, n_features, train, index, weight = load(args.dir)
    model = DeepFm(n_features, args.factors, args.hidden1, args.hidden2, index, weight)
    opt = torch.optim.Adagrad(model.parameters(), lr=args.lr, initial_accumulator_value=1.0, weight_decay=args.reg)
    seen = np.unique(train[:, 0] * n_items + train[:, 1])
    rng = np.random.default_rng(0)
    loss_fn = nn.BCEWithLogitsLoss(reduction="sum")
    times, cpus, losses = [], [], []
    for _ in range(args.epochs):
        start, cpu = time.perf_counter(), time.process_time()
        pos = train[rng.integers(0, len(train), len(train))]
        users = np.repeat(pos[:, 0], 1 + args.negatives)
        items = np.repeat(pos[:, 1], 1 + args.negatives)
        neg = np.arange(len(items)) % (1 + args.negatives) != 0
        items[neg] = rng.integers(0, n_items, neg.sum())
        # Resample the negatives that hit a watched item until none does.
        while True:
            bad = np.flatnonzero(neg & np.isin(users * n_items + items, seen))
            if len(bad) == 0:
                break
            items[bad] = rng.integers(0, n_items, len(bad))
        labels = torch.from_numpy((~neg).astype(np.float32))
        users, items = torch.from_numpy(users), torch.from_numpy(items)
        rows = args.batch * (1 + args.negatives)
        total = 0.0
        for lo in range(0, len(items), rows):
            loss = loss_fn(model(users[lo : lo + rows], items[lo : lo + rows]), labels[lo : lo + rows])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        losses.append(total / len(train))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {len(train)} positives x {1 + args.negatives} rows; epochs: "
          + " ".join(f"{t:.2f} s wall {c:.2f} s cpu (loss {l:.3f})" for t, c, l in zip(times, cpus, losses)))
    print(f"RESULT epoch_seconds={statistics.median(times):.3f} cpu_seconds={statistics.median(cpus):.3f}")


if __name__ == "__main__":
    main()
