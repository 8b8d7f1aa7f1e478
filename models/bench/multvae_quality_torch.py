"""PyTorch reference for `movierec bench multvae-quality`: the same Mult-VAE (Liang et al. 2018) trained on
the split that movierec exported, with Recall@10 (normalized by min(10, |truth|), seen items excluded) after
every epoch and early stopping on it. Prints one RESULT line with the best epoch's recall.
"""
import argparse

import numpy as np
import torch

from multvae_torch import MultVAE, train_step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", required=True, help="folder with train.csv and truth.csv from movierec")
    for name, kind in [("epochs", int), ("patience", int), ("batch", int), ("hidden", int), ("latent", int), ("dropout", float),
                       ("lr", float), ("beta_cap", float), ("anneal_steps", float), ("weight_decay", float)]:
        ap.add_argument("--" + name, type=kind, required=True)
    args = ap.parse_args()
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    with open(f"{args.split}/train.csv") as f:
        n_users, n_items = map(int, f.readline().split(","))
        train = np.loadtxt(f, delimiter=",", dtype=np.int64, ndmin=2)
    x_all = torch.zeros(n_users, n_items)
    x_all[train[:, 0], train[:, 1]] = 1.0
    truth = {}
    for u, i in np.loadtxt(f"{args.split}/truth.csv", delimiter=",", dtype=np.int64, ndmin=2):
        truth.setdefault(int(u), []).append(int(i))
    model = MultVAE(n_items, args.hidden, args.latent, args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    users = np.flatnonzero(x_all.sum(1).numpy() > 0)
    updates, best_epoch, best = 0, 0, 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        rng.shuffle(users)
        for lo in range(0, len(users), args.batch):
            x = x_all[users[lo : lo + args.batch]]
            train_step(model, opt, x, args.beta_cap if args.anneal_steps == 0 else args.beta_cap * min(1.0, updates / args.anneal_steps))
            updates += 1
        model.eval()
        with torch.no_grad():
            scores = model(x_all)[0]
        scores[x_all > 0] = -float("inf")
        top = torch.topk(scores, 10, dim=1).indices.numpy()
        recall = float(np.mean([len(set(top[u]) & set(t)) / min(10, len(t)) for u, t in truth.items()]))
        print(f"torch epoch {epoch}: recall_at_10 {recall:.4f}", flush=True)
        if recall > best:
            best_epoch, best = epoch, recall
        elif epoch - best_epoch >= args.patience:
            break
    print(f"RESULT best_epoch={best_epoch} recall_at_10={best:.4f}")


if __name__ == "__main__":
    main()
