"""PyTorch CPU reference for the sequential epoch benchmark (movierec.models.bench.SeqBench), --family sasrec,
gru4rec or bert4rec.

sasrec: the same model as movierec's `sasrec` (models/src/main/java/movierec/models/seq/Transformer.java): an item
embedding table shared by input and output (padding is token n_items), inputs scaled by sqrt(d) plus learned
positions, dropout, padding zeroed; pre-layer-norm blocks whose attention residual adds the normalised queries,
no attention output projection, a point-wise feed-forward network of width d with its own residual; a final
layer norm; logits = h . E[items]^T + item bias (log popularity, centred); full-softmax cross-entropy averaged
over the target positions; Adam. Training windows are each user's history cut into consecutive windows of
max_len + 1 items ending at the latest, shuffled every epoch, as movierec's.

gru4rec (movierec's gru4rec/Gru4Rec.java): the embedded items, zero at padding, dropout, one GRU layer per --blocks,
dropout on its states; the same output layer and loss.

bert4rec (movierec's bert4rec/Bert4Rec.java): the same blocks without the causal mask and with a feed-forward
network 4x wider; each window of max_len items ending at the window's end has items replaced by a mask token
(token n_items + 1) with probability --mask (at least one per window; with --mask-latest, which the bench passes when
movierec's mask_latest is on, every window's latest item too) and predicts them.

Prints one RESULT line with the median epoch's wall and process CPU seconds.
"""
import argparse
import math
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    def __init__(self, d, heads, dropout, inner):
        super().__init__()
        self.heads = heads
        self.attn_norm = nn.LayerNorm(d, eps=1e-5)
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.ffn_norm = nn.LayerNorm(d, eps=1e-5)
        self.ffn_in = nn.Linear(d, inner)
        self.ffn_out = nn.Linear(inner, d)
        self.drop = nn.Dropout(dropout)

    def split(self, x):
        b, l, d = x.shape
        return x.view(b, l, self.heads, d // self.heads).transpose(1, 2)

    def forward(self, x, bias, valid):
        b, l, d = x.shape
        q = self.attn_norm(x)
        qh, kh, vh = self.split(self.q(q)), self.split(self.k(x)), self.split(self.v(x))
        logits = qh @ kh.transpose(-1, -2) / math.sqrt(d // self.heads) + bias
        attended = (torch.softmax(logits, -1) @ vh).transpose(1, 2).reshape(b, l, d)
        x = q + self.drop(attended)
        y = self.ffn_norm(x)
        return (y + self.drop(self.ffn_out(self.drop(F.relu(self.ffn_in(y)))))) * valid


class SasRec(nn.Module):
    def __init__(self, n_items, max_len, d, blocks, heads, dropout, log_pop, causal=True, inner=None, extra_tokens=0):
        super().__init__()
        self.n_items = n_items
        self.d = d
        self.items = nn.Embedding(n_items + 1 + extra_tokens, d)
        nn.init.normal_(self.items.weight, std=1 / math.sqrt(d))
        self.positions = nn.Parameter(torch.randn(max_len, d) / math.sqrt(d))
        self.bias = nn.Parameter(torch.from_numpy(log_pop))
        self.blocks = nn.ModuleList(Block(d, heads, dropout, inner or d) for _ in range(blocks))
        self.final_norm = nn.LayerNorm(d, eps=1e-5)
        self.drop = nn.Dropout(dropout)
        order = torch.triu(torch.full((max_len, max_len), -1e9), 1) if causal else torch.zeros(max_len, max_len)
        self.register_buffer("causal", order)

    def forward(self, tokens):
        valid = (tokens != self.n_items).float().unsqueeze(-1)
        x = self.drop(self.items(tokens) * math.sqrt(self.d) + self.positions) * valid
        bias = (1 - valid.squeeze(-1))[:, None, None, :] * -1e9 + self.causal
        for block in self.blocks:
            x = block(x, bias, valid)
        return self.final_norm(x)


class Gru4Rec(nn.Module):
    def __init__(self, n_items, d, layers, dropout, log_pop):
        super().__init__()
        self.n_items = n_items
        self.items = nn.Embedding(n_items + 1, d)
        nn.init.normal_(self.items.weight, std=1 / math.sqrt(d))
        self.bias = nn.Parameter(torch.from_numpy(log_pop))
        self.gru = nn.GRU(d, d, num_layers=layers, batch_first=True)
        self.drop = nn.Dropout(dropout)

    def forward(self, tokens):
        valid = (tokens != self.n_items).float().unsqueeze(-1)
        return self.drop(self.gru(self.drop(self.items(tokens) * valid))[0])


def load(path):
    """Histories in time order (ties by file order), users and items indexed by first appearance sorted by id."""
    with open(path) as f:
        f.readline()
        values = np.array(f.read().replace("\n", ",").rstrip(",").split(","), dtype=np.int64).reshape(-1, 3)
    _, users = np.unique(values[:, 0], return_inverse=True)
    _, items = np.unique(values[:, 1], return_inverse=True)
    order = np.lexsort((values[:, 2], users))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(users))])
    return indptr, items[order], int(items.max()) + 1


def windows(indptr, max_len):
    """(user, end) of consecutive windows of max_len + 1 items ending at each user's latest, as movierec's."""
    out = []
    for u in range(len(indptr) - 1):
        end = indptr[u + 1]
        while end - indptr[u] >= 2:
            out.append((u, end))
            end -= max_len
    return np.array(out, dtype=np.int64)


def batch(indptr, items, wins, max_len, pad):
    """Next-item windows: each position's target is the item after it."""
    tokens = np.full((len(wins), max_len), pad, dtype=np.int64)
    targets = np.full((len(wins), max_len), -100, dtype=np.int64)
    for r, (u, end) in enumerate(wins):
        seq = items[max(indptr[u], end - max_len - 1) : end]
        n = len(seq) - 1
        tokens[r, max_len - n :] = seq[:-1]
        targets[r, max_len - n :] = seq[1:]
    return torch.from_numpy(tokens), torch.from_numpy(targets)


def cloze_batch(indptr, items, wins, max_len, pad, probability, rng, mask_latest):
    """Cloze windows of max_len items ending at each window's end, masked as movierec's Batch.cloze (and, with
    mask_latest, Batch.maskLatest: every window's latest item masked too)."""
    mask = pad + 1
    tokens = np.full((len(wins), max_len), pad, dtype=np.int64)
    targets = np.full((len(wins), max_len), -100, dtype=np.int64)
    for r, (u, end) in enumerate(wins):
        seq = items[max(indptr[u], end - max_len) : end]
        tokens[r, max_len - len(seq) :] = seq
        hit = rng.random(len(seq)) < probability
        if mask_latest or not hit.any():
            hit[-1] = True
        cols = max_len - len(seq) + np.flatnonzero(hit)
        targets[r, cols] = tokens[r, cols]
        tokens[r, cols] = mask
    return torch.from_numpy(tokens), torch.from_numpy(targets)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ratings", required=True)
    ap.add_argument("--family", choices=["sasrec", "gru4rec", "bert4rec"], default="sasrec")
    ap.add_argument("--mask", type=float, default=0.2, help="bert4rec's mask probability")
    ap.add_argument("--mask-latest", action="store_true", help="bert4rec: also mask every window's latest item")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--max-len", type=int, default=50)
    ap.add_argument("--blocks", type=int, default=2, help="blocks, or GRU layers for gru4rec")
    ap.add_argument("--heads", type=int, default=1)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=0.001)
    args = ap.parse_args()
    torch.manual_seed(0)
    indptr, items, n_items = load(args.ratings)
    counts = np.log1p(np.bincount(items, minlength=n_items)).astype(np.float32)
    log_pop = counts - counts.mean()
    if args.family == "gru4rec":
        model = Gru4Rec(n_items, args.hidden, args.blocks, args.dropout, log_pop)
    elif args.family == "bert4rec":
        model = SasRec(n_items, args.max_len, args.hidden, args.blocks, args.heads, args.dropout, log_pop, False, 4 * args.hidden, 1)
    else:
        model = SasRec(n_items, args.max_len, args.hidden, args.blocks, args.heads, args.dropout, log_pop)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    wins = windows(indptr, args.max_len)
    rng = np.random.default_rng(0)
    times, cpu, losses = [], [], []
    for _ in range(args.epochs):
        start = time.perf_counter()
        cpu_start = time.process_time()
        model.train()
        perm = wins[rng.permutation(len(wins))]
        total = 0.0
        for lo in range(0, len(perm), args.batch):
            if args.family == "bert4rec":
                tokens, targets = cloze_batch(indptr, items, perm[lo : lo + args.batch], args.max_len, n_items, args.mask, rng, args.mask_latest)
            else:
                tokens, targets = batch(indptr, items, perm[lo : lo + args.batch], args.max_len, n_items)
            h = model(tokens)
            keep = targets.view(-1) >= 0
            # Only target positions meet the item table: padding rows would cost a full row of logits each.
            logits = h.reshape(-1, args.hidden)[keep] @ model.items.weight[:n_items].T + model.bias
            loss = F.cross_entropy(logits, targets.view(-1)[keep])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        losses.append(total / math.ceil(len(perm) / args.batch))
    # VmHWM starts afresh at exec; ru_maxrss would carry the launching JVM's peak over.
    with open("/proc/self/status") as f:
        peak_mb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    print(f"torch {torch.__version__} {args.family}, {torch.get_num_threads()} threads, {len(wins)} windows; epochs: "
          + " ".join(f"{t:.2f} s (cpu {c:.1f} s, loss {l:.3f})" for t, c, l in zip(times, cpu, losses)))
    print(f"RESULT epoch_seconds={statistics.median(times):.3f} cpu_seconds={statistics.median(cpu):.3f} peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
