"""PyTorch CPU reference for the Mult-VAE benchmark (movierec.models.bench.MultVaeBench).

The usual dense PyTorch implementation of Liang et al. 2018 (as in the authors' and RecBole's code):
each batch densified, L2-normalized, dropped out, encoded [items -> 600 -> 2*200] with tanh, sampled,
decoded [200 -> 600 -> items], multinomial log-likelihood plus beta * KL, Adam. Prints one RESULT line.
"""
import argparse
import resource
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class MultVAE(nn.Module):
    """Also the model of multvae_quality_torch.py: Xavier weights, small normal biases, as the authors' code."""

    def __init__(self, items, hidden, latent, dropout):
        super().__init__()
        self.latent = latent
        self.enc1 = nn.Linear(items, hidden)
        self.enc2 = nn.Linear(hidden, 2 * latent)
        self.dec1 = nn.Linear(latent, hidden)
        self.dec2 = nn.Linear(hidden, items)
        self.drop = nn.Dropout(dropout)
        for layer in (self.enc1, self.enc2, self.dec1, self.dec2):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.normal_(layer.bias, std=0.001)

    def forward(self, x):
        code = self.enc2(torch.tanh(self.enc1(self.drop(F.normalize(x)))))
        mu, logvar = code[:, : self.latent], code[:, self.latent :]
        # Training samples the latent code; scoring decodes the posterior mean.
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.dec2(torch.tanh(self.dec1(z))), mu, logvar


def train_step(model, opt, x, beta):
    """One Adam step on the batch's mean negative ELBO: multinomial log-likelihood plus beta * KL."""
    logits, mu, logvar = model(x)
    nll = -(F.log_softmax(logits, 1) * x).sum(1).mean()
    kl = (0.5 * (-logvar + logvar.exp() + mu.pow(2) - 1)).sum(1).mean()
    opt.zero_grad()
    (nll + beta * kl).backward()
    opt.step()


def load(path):
    with open(path) as f:
        f.readline()
        values = np.array(f.read().replace("\n", ",").rstrip(",").split(","), dtype=np.int64).reshape(-1, 3)
    _, users = np.unique(values[:, 0], return_inverse=True)
    _, items = np.unique(values[:, 1], return_inverse=True)
    order = np.argsort(users, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(users))])
    return indptr, items[order], int(items.max()) + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ratings", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--hidden", type=int, default=600)
    ap.add_argument("--latent", type=int, default=200)
    args = ap.parse_args()
    torch.manual_seed(0)
    indptr, items, n_items = load(args.ratings)
    n_users = len(indptr) - 1
    model = MultVAE(n_items, args.hidden, args.latent, 0.5)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rng = np.random.default_rng(0)
    times, updates = [], 0
    for _ in range(args.epochs):
        start = time.perf_counter()
        model.train()
        perm = rng.permutation(n_users)
        for lo in range(0, n_users, args.batch):
            batch = perm[lo : lo + args.batch]
            rows = np.repeat(np.arange(len(batch)), indptr[batch + 1] - indptr[batch])
            cols = np.concatenate([items[indptr[u] : indptr[u + 1]] for u in batch])
            x = torch.zeros(len(batch), n_items)
            x[torch.from_numpy(rows), torch.from_numpy(cols)] = 1.0
            train_step(model, opt, x, min(0.2, updates / 20000))
            updates += 1
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, epochs: " + " ".join(f"{t:.2f}" for t in times))
    print(f"RESULT epoch_seconds={statistics.median(times):.3f} peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
