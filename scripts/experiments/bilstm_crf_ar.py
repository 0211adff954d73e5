"""A measurement, not part of Noor: does a small neural tagger beat the averaged perceptron
on Arabic?

Issue 4 asks for a small neural model "where it wins on the same measurements within the
same budgets". This script trains the classic one, a BiLSTM-CRF over word embeddings and a
character CNN (Lample et al. 2016; Ma & Hovy 2016), on exactly the split `noor train --lang
ar` uses: the first 90% of the sentences of ANERcorp train, scored on the last 10%, entity
level (exact span and type), each sentence on its own. The numbers to compare it with are
the perceptron's "each sentence on its own" rows in models/ner-ar.md.

The word embeddings are skip-gram vectors (gensim Word2Vec, 100 dimensions) learned here
from the unlabeled Arabic news in ../shared/data/unlabeled, the same text our word clusters
come from; they are cached beside the output and never committed.

Run it from the repository root (it needs PyTorch, CPU is enough, and gensim; not installed
by `make setup`, since nothing of Noor uses them):

    python3 -m venv /tmp/nn-venv
    /tmp/nn-venv/bin/pip install torch gensim numpy
    /tmp/nn-venv/bin/python scripts/experiments/bilstm_crf_ar.py [--shared ../shared]
        [--hidden 100] [--epochs 30] [--fine-tune] [--work /tmp/noor-nn]

What it measured, and why Noor ships no neural tagger, is written down in
src/model/train.rs (the module's doc).
"""

import argparse
import gzip
import os
import random
import re
import time

import numpy as np
import torch
import torch.nn as nn

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
DIACRITICS = re.compile("[\u064B-\u0652\u0640\u0670]")
TOKEN = re.compile(r"\w+|[^\w\s]", re.U)


def fold(word):
    """The word as embeddings look it up: no diacritics or tatweel, one alef, ya for alef
    maqsura, ha for ta marbuta, every digit 0, lower case."""
    word = DIACRITICS.sub("", word)
    word = re.sub("[إأآٱ]", "ا", word).replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"\d", "0", word).lower()


def embeddings(shared, work):
    """Skip-gram vectors of the unlabeled Arabic news (cached in `work`)."""
    from gensim.models import KeyedVectors, Word2Vec

    path = os.path.join(work, "w2v-ar.kv")
    if os.path.exists(path):
        return KeyedVectors.load(path)

    class News:
        def __iter__(self):
            news = os.path.join(shared, "data/unlabeled/news-ar.txt.gz")
            with gzip.open(news, "rt", encoding="utf-8") as f:
                for line in f:
                    words = [fold(w) for w in TOKEN.findall(line)]
                    if words:
                        yield words

    started = time.time()
    model = Word2Vec(sentences=News(), vector_size=100, window=5, min_count=5, sg=1, negative=5,
                     workers=2, epochs=3, seed=1)
    os.makedirs(work, exist_ok=True)
    model.wv.save(path)
    print(f"embeddings: {len(model.wv)} words in {time.time() - started:.0f} s", flush=True)
    return model.wv


def sentences(shared):
    """ANERcorp train as (token, tag) sentences, split 90/10 as `noor train` splits it."""
    out, cur = [], []
    with open(os.path.join(shared, "data/ner/anercorp_camel_ar/train.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    out.append(cur)
                cur = []
            else:
                word, tag = line.split("\t")[:2]
                cur.append((word, tag))
    if cur:
        out.append(cur)
    cut = round(len(out) * 0.9)
    return out[:cut], out[cut:]


def entities(tags):
    """Entity spans (start, end, type) of a BIO sequence, conlleval's way."""
    out, cur = set(), None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[1] != t[2:])):
            if cur:
                out.add((cur[0], i, cur[1]))
            cur = (i, t[2:]) if t != "O" else None
    return out


class Tagger(nn.Module):
    """Character CNN and word vectors, a BiLSTM, a linear-chain CRF under BIO constraints."""

    def __init__(self, vectors, chars, hidden, fine_tune):
        super().__init__()
        self.words = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=not fine_tune, padding_idx=0)
        self.chars = nn.Embedding(chars, 30, padding_idx=0)
        self.cnn = nn.Conv1d(30, 50, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(vectors.shape[1] + 50, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        n = len(TAGS)
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        # I-X only after B-X or I-X, and never first.
        banned = torch.zeros(n, n)
        for a in range(n):
            for b in range(n):
                if TAGS[b].startswith("I-") and TAGS[a][2:] != TAGS[b][2:]:
                    banned[a, b] = -1e4
        self.register_buffer("banned", banned)
        self.register_buffer("banned_first", torch.tensor([-1e4 if t.startswith("I-") else 0.0 for t in TAGS]))

    def emissions(self, words, chars, mask):
        b, n, c = chars.shape
        ch = self.chars(chars.view(b * n, c)).transpose(1, 2)
        ch = torch.relu(self.cnn(ch)).max(2).values.view(b, n, 50)
        x = self.drop(torch.cat([self.words(words), ch], 2))
        packed = nn.utils.rnn.pack_padded_sequence(x, mask.sum(1).cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
        return self.out(self.drop(h))

    def loss(self, words, chars, gold, mask):
        """Negative log-likelihood of the gold tags, summed over the batch."""
        e = self.emissions(words, chars, mask)
        trans, m = self.trans + self.banned, mask.float()
        score = (e.gather(2, gold.unsqueeze(2)).squeeze(2) * m).sum(1)
        score = score + self.start[gold[:, 0]] + self.banned_first[gold[:, 0]]
        score = score + (trans[gold[:, :-1], gold[:, 1:]] * m[:, 1:]).sum(1)
        score = score + self.end[gold.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)]
        alpha = self.start + self.banned_first + e[:, 0]
        for i in range(1, e.shape[1]):
            step = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), 1) + e[:, i]
            alpha = torch.where(mask[:, i].unsqueeze(1), step, alpha)
        return (torch.logsumexp(alpha + self.end, 1) - score).sum()

    def decode(self, words, chars, mask):
        """The best tag sequence of each sentence (Viterbi)."""
        e = self.emissions(words, chars, mask)
        trans = self.trans + self.banned
        alpha, back = self.start + self.banned_first + e[:, 0], []
        for i in range(1, e.shape[1]):
            best, arg = (alpha.unsqueeze(2) + trans.unsqueeze(0)).max(1)
            alpha = torch.where(mask[:, i].unsqueeze(1), best + e[:, i], alpha)
            back.append(arg)
        alpha = alpha + self.end
        paths = []
        for s in range(e.shape[0]):
            t = int(alpha[s].argmax())
            path = [t]
            for i in range(int(mask[s].sum()) - 1, 0, -1):
                t = int(back[i - 1][s, t])
                path.append(t)
            paths.append(path[::-1])
        return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--work", default="/tmp/noor-nn")
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--fine-tune", action="store_true", help="train the word vectors too")
    args = ap.parse_args()
    torch.manual_seed(1)
    random.seed(1)
    torch.set_num_threads(2)

    kv = embeddings(args.shared, args.work)
    train, dev = sentences(args.shared)
    vocab = {"<pad>": 0, "<unk>": 1}
    for w in kv.index_to_key:
        vocab[w] = len(vocab)
    vectors = np.zeros((len(vocab), kv.vector_size), dtype=np.float32)
    vectors[2:] = kv.vectors / np.linalg.norm(kv.vectors, axis=1, keepdims=True)
    chars = {"<pad>": 0, "<unk>": 1}
    for s in train:
        for w, _ in s:
            for c in w:
                chars.setdefault(c, len(chars))

    def encode(s):
        return ([vocab.get(fold(w), 1) for w, _ in s], [[chars.get(c, 1) for c in w[:20]] for w, _ in s],
                [TAG_INDEX[t] for _, t in s])

    train, dev = [encode(s) for s in train], sorted((encode(s) for s in dev), key=lambda x: len(x[0]))

    def batch(b):
        n, c = max(len(x[0]) for x in b), max(len(ch) for x in b for ch in x[1])
        words, gold = torch.zeros(len(b), n, dtype=torch.long), torch.zeros(len(b), n, dtype=torch.long)
        chs, mask = torch.zeros(len(b), n, c, dtype=torch.long), torch.zeros(len(b), n, dtype=torch.bool)
        for i, (w, ch, t) in enumerate(b):
            words[i, :len(w)], gold[i, :len(w)], mask[i, :len(w)] = torch.tensor(w), torch.tensor(t), True
            for j, cs in enumerate(ch):
                chs[i, j, :len(cs)] = torch.tensor(cs)
        return words, chs, gold, mask

    def score(net):
        net.eval()
        counts, started = {}, time.time()
        with torch.no_grad():
            for k in range(0, len(dev), 64):
                b = dev[k:k + 64]
                words, chs, _, mask = batch(b)
                for x, path in zip(b, net.decode(words, chs, mask)):
                    g, p = entities([TAGS[t] for t in x[2]]), entities([TAGS[t] for t in path])
                    # Per type and overall: [correct, gold, predicted].
                    for kind, spans in ((0, g & p), (1, g), (2, p)):
                        for e in spans:
                            for key in ("all", e[2]):
                                counts.setdefault(key, [0, 0, 0])[kind] += 1
        net.train()
        f1 = {k: 200 * c[0] / (c[1] + c[2]) if c[1] + c[2] else 0.0 for k, c in counts.items()}
        return f1, time.time() - started

    net = Tagger(vectors, len(chars), args.hidden, args.fine_tune)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=args.lr)
    best = 0.0
    for epoch in range(1, args.epochs + 1):
        started = time.time()
        # Batches of sentences of similar length (less padding), in random order.
        order = sorted(range(len(train)), key=lambda i: (len(train[i][0]), random.random()))
        batches = [order[k:k + args.batch] for k in range(0, len(order), args.batch)]
        random.shuffle(batches)
        for b in batches:
            words, chs, gold, mask = batch([train[i] for i in b])
            loss = net.loss(words, chs, gold, mask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5)
            opt.step()
        f1, took = score(net)
        best = max(best, f1["all"])
        types = " ".join(f"{t} {f1.get(t, 0.0):.1f}" for t in ("PER", "ORG", "LOC", "MISC"))
        print(f"epoch {epoch}: dev F1 {f1['all']:.2f} ({types}), best {best:.2f}; "
              f"{time.time() - started:.0f} s, dev tagged in {took:.2f} s", flush=True)


if __name__ == "__main__":
    main()
