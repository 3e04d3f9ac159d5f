#!/usr/bin/python3
"""Golden values for the LossLab core, computed with PyTorch.

What it does
    Builds small, deterministic test cases for every function of the core's JS API (see shared/DESIGN.md, "The
    core's JS API") and records what PyTorch 1.13 (float64, one thread) returns for them: the loss, and the
    gradient of the loss with respect to the first argument computed by torch autograd (for reduction 'none',
    the gradient of the sum of the per-element losses). Functions with no torch counterpart (softmaxFocal,
    infoNCE, dice, iou, tversky, focalTversky, classWeights, ece, fitTemperature) are written here from their
    definitions in DESIGN.md with torch ops (autograd for gradients) or plain float64 numpy.
    Error cases ("error": reason) are inputs that torch refuses or that are meaningless; the message is ours.

    It writes one JSON file per family next to this script:
        regression.json classification.json stable.json embedding.json segmentation.json
        detection.json weighting.json calibration.json
    Schema: see README.md in this folder.

How to rerun
    /usr/bin/python3 tests/golden/generate.py          (from the repository root, or from anywhere)
    Needs Debian's python3-torch (1.13) and python3-torchvision (0.14); NOT the pyenv python3 on PATH.
    Output is deterministic: fixed seeds (one numpy Generator per family), float64, torch.set_num_threads(1).
"""

import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
# kl_div(reduction='mean') warns that it divides by all elements; that is the documented behaviour we record.
warnings.filterwarnings("ignore", message="reduction: 'mean' divides the total loss")

OUT_DIR = os.path.dirname(os.path.abspath(__file__))


def _torch_version():
    """Debian's build reports torch.__version__ '1.13.0a0'; the package it comes from is 1.13.1."""
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                           text=True, check=True).stdout
        return v.split("+")[0].split("-")[0]
    except (OSError, subprocess.CalledProcessError):
        return torch.__version__.split("a")[0].split("+")[0]


assert torch.__version__.startswith("1.13"), "expected Debian's torch 1.13, got " + torch.__version__
SOURCE = "tests/golden/generate.py, torch %s float64" % _torch_version()
REDUCTIONS = [None, "mean", "sum", "none"]  # None: option not set (our default is 'mean')


# ----------------------------------------------------------------------------------------------------------------
# helpers

def clean(o):
    """Make a value JSON-safe: NaN / +-Infinity become strings, numpy scalars become Python numbers."""
    if isinstance(o, (bool, np.bool_)):
        return bool(o)
    if isinstance(o, (int, np.integer)):
        return int(o)
    if isinstance(o, (float, np.floating)):
        v = float(o)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(o, np.ndarray):
        return clean(o.tolist())
    if isinstance(o, torch.Tensor):
        return clean(o.detach().tolist())
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if o is None or isinstance(o, str):
        return o
    raise TypeError("cannot serialise %r" % (o,))


def flat(a):
    """Row-major flat Python list of a tensor / array / nested list."""
    if isinstance(a, torch.Tensor):
        return a.detach().reshape(-1).tolist()
    return np.asarray(a).reshape(-1).tolist()


def T(a):
    return torch.tensor(np.asarray(a, dtype=np.float64))


def L(a):
    return torch.tensor(np.asarray(a, dtype=np.int64))


def ints(a):
    return [int(v) for v in np.asarray(a).reshape(-1)]


def rnd(x, d=6):
    """Round random inputs so the JSON stays readable; the rounded values ARE the inputs."""
    return np.round(np.asarray(x, dtype=np.float64), d)


class Family:
    def __init__(self, name):
        self.name = name
        self.cases = []
        self.counters = {}

    def _id(self, base):
        k = self.counters.get(base, 0)
        self.counters[base] = k + 1
        return "%s/%d" % (base, k)

    def add(self, fn, tag, args, options, expected, tol=None, variant=None):
        if variant is None:
            variant = options.get("reduction", "default")
        case = {"id": self._id("%s/%s/%s" % (fn, tag, variant)), "fn": fn, "args": args,
                "options": options, "expected": expected}
        if tol is not None:
            case["tol"] = tol
        self.cases.append(clean(case))

    def error(self, fn, tag, args, options, why):
        self.cases.append(clean({"id": self._id("%s/error/%s" % (fn, tag)), "fn": fn, "args": args,
                                 "options": options, "error": why}))

    def write(self):
        path = os.path.join(OUT_DIR, self.name + ".json")
        ids = [c["id"] for c in self.cases]
        assert len(ids) == len(set(ids)), "duplicate ids in " + self.name
        lines = [json.dumps(c, allow_nan=False, separators=(",", ":")) for c in self.cases]
        text = '{"source":%s,"cases":[\n%s\n]}\n' % (json.dumps(SOURCE), ",\n".join(lines))
        json.loads(text)  # must parse
        with open(path, "w") as f:
            f.write(text)
        return path, len(self.cases), len(text)


def loss_and_grad(fn, first, *rest):
    """Run fn(first_with_grad, *rest); return {'loss', 'grad'} with grad = d(sum of output)/d(first)."""
    x = first.detach().clone().requires_grad_(True)
    out = fn(x, *rest)
    total = out.sum() if out.dim() > 0 else out
    total.backward()
    g = x.grad if x.grad is not None else torch.zeros_like(x)
    loss = flat(out) if out.dim() > 0 else out.item()
    return {"loss": loss, "grad": flat(g)}


def red_opts(red, **extra):
    o = {}
    for k, v in extra.items():
        if v is not None:
            o[k] = v
    if red is not None:
        o["reduction"] = red
    return o


def torch_red(red):
    return "mean" if red is None else red


# ----------------------------------------------------------------------------------------------------------------
# regression: mse, l1, huber, smoothL1

def gen_regression():
    fam = Family("regression")
    rng = np.random.default_rng(1001)

    def torch_fn(fn, red, opts):
        r = torch_red(red)
        if fn == "mse":
            return lambda a, b: F.mse_loss(a, b, reduction=r)
        if fn == "l1":
            return lambda a, b: F.l1_loss(a, b, reduction=r)
        if fn == "huber":
            return lambda a, b: F.huber_loss(a, b, reduction=r, delta=opts.get("delta", 1.0))
        if fn == "smoothL1":
            return lambda a, b: F.smooth_l1_loss(a, b, reduction=r, beta=opts.get("beta", 1.0))
        raise KeyError(fn)

    def case(fn, tag, x, t, red, **par):
        opts = red_opts(red, **par)
        exp = loss_and_grad(torch_fn(fn, red, opts), T(x), T(t))
        fam.add(fn, tag, [flat(x), flat(t)], opts, exp)

    params = {"mse": [{}], "l1": [{}], "huber": [{}, {"delta": 0.5}, {"delta": 2.0}],
              "smoothL1": [{}, {"beta": 0.5}, {"beta": 2.0}, {"beta": 0.0}]}
    for fn in ["mse", "l1", "huber", "smoothL1"]:
        # random inputs at several scales, every reduction
        # (default parameter: every scale x every reduction; other parameters: every scale, reductions in turn)
        for si, scale in enumerate([0.1, 1.0, 5.0, 30.0]):
            for ri, red in enumerate(REDUCTIONS):
                for pi, par in enumerate(params[fn]):
                    if pi > 0 and (ri + pi) % 2:
                        continue
                    n = int(rng.integers(1, 9))
                    x = rnd(rng.normal(0, scale, n))
                    t = rnd(rng.normal(0, scale, n))
                    tag = "random-s%g" % scale + "".join("-%s%g" % kv for kv in par.items())
                    case(fn, tag, x, t, red, **par)
        # ties (residual exactly 0: l1 / smoothL1 kinks) and residuals exactly on the delta / beta boundary
        t = np.array([0.25, -1.5, 3.0, 0.0, 2.0, -0.75])
        for par in params[fn]:
            k = par.get("delta", par.get("beta", 1.0))
            x = t + np.array([0.0, k, -k, 0.0, 0.5 * k, -2.0 * k])
            for red in ["mean", "none"]:
                case(fn, "ties-and-boundary" + "".join("-%s%g" % kv for kv in par.items()), x, t, red, **par)
        # a larger random case
        x = rnd(rng.normal(0, 2.0, 64))
        t = rnd(rng.normal(0, 2.0, 64))
        case(fn, "large-n64", x, t, "mean", **params[fn][-1])
        # the textbook example from the seed (true MSE 0.0200)
    case("mse", "seed-example", [0.9, 0.2, 0.8], [1.0, 0.0, 1.0], "mean")

    # errors
    fam.error("mse", "length-mismatch", [[1.0, 2.0, 3.0], [1.0, 2.0]], {}, "input and target lengths differ (3 vs 2)")
    fam.error("l1", "length-mismatch", [[1.0], [1.0, 2.0, 3.0, 4.0]], {"reduction": "sum"},
              "input and target lengths differ (1 vs 4)")
    fam.error("mse", "unknown-reduction", [[1.0, 2.0], [0.0, 0.0]], {"reduction": "avg"},
              "unknown reduction 'avg'")
    fam.error("l1", "unknown-reduction", [[1.0, 2.0], [0.0, 0.0]], {"reduction": "batchmean"},
              "reduction 'batchmean' is only for klDiv (torch: not a valid reduction)")
    fam.error("huber", "delta-zero", [[1.0, 2.0], [0.0, 0.0]], {"delta": 0.0},
              "huber_loss does not support non-positive values for delta")
    fam.error("huber", "delta-negative", [[1.0, 2.0], [0.0, 0.0]], {"delta": -1.0},
              "huber_loss does not support non-positive values for delta")
    fam.error("smoothL1", "beta-negative", [[1.0, 2.0], [0.0, 0.0]], {"beta": -0.5},
              "smooth_l1_loss does not support negative values for beta")
    fam.error("huber", "delta-nan", [[1.0, 2.0], [0.0, 0.0]], {"delta": float("nan")}, "delta is NaN")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# classification

def sigmoid_focal_t(x, t, alpha, gamma, red):
    return torchvision.ops.sigmoid_focal_loss(x, t, alpha=alpha, gamma=gamma, reduction=red)


def softmax_focal_t(x, t, alpha, gamma, red):
    ce = F.cross_entropy(x, t, reduction="none")
    pt = torch.exp(-ce)
    loss = alpha * (1 - pt) ** gamma * ce
    if red == "mean":
        return loss.mean()
    if red == "sum":
        return loss.sum()
    return loss


def gen_classification():
    fam = Family("classification")
    rng = np.random.default_rng(2002)

    def probs_u(n):
        return rnd(rng.uniform(0.001, 0.999, n))

    def bits(n):
        return rng.integers(0, 2, n).astype(np.float64)

    # ---------------- bce
    def bce_case(tag, p, y, red, weight=None):
        p = np.asarray(p, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n = p.size
        opts = red_opts(red, weight=None if weight is None else flat(weight))
        if weight is None:
            fn = lambda a, b: F.binary_cross_entropy(a, b, reduction=torch_red(red))
            exp = loss_and_grad(fn, T(p), T(y))
        else:
            Lw = len(weight)
            shape = (n // Lw, Lw)
            fn = lambda a, b: F.binary_cross_entropy(a, b, weight=T(weight), reduction=torch_red(red))
            exp = loss_and_grad(fn, T(p).reshape(shape), T(y).reshape(shape))
        fam.add("bce", tag, [flat(p), flat(y)], opts, exp)

    for red in REDUCTIONS:
        for _ in range(2):
            n = int(rng.integers(1, 9))
            bce_case("random-hard", probs_u(n), bits(n), red)
        n = int(rng.integers(2, 9))
        bce_case("random-soft", probs_u(n), probs_u(n), red)
        bce_case("edges-0-1", [0.0, 0.0, 1.0, 1.0, 0.05, 0.5], [0.0, 1.0, 0.0, 1.0, 1.0, 0.0], red)
        n = 6
        bce_case("weight-full", probs_u(n), bits(n), red, weight=rnd(rng.uniform(0.1, 3.0, n)))
        bce_case("weight-last-axis-L3", probs_u(n), bits(n), red, weight=rnd(rng.uniform(0.1, 3.0, 3)))
        bce_case("weight-last-axis-L2", probs_u(8), bits(8), red, weight=[0.5, 2.0])
        bce_case("weight-L1", probs_u(4), bits(4), red, weight=[1.5])
        bce_case("edges-weighted", [0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0], red, weight=[2.0, 0.5])
    bce_case("seed-example", [0.9, 0.2, 0.8], [1.0, 0.0, 1.0], "mean")
    bce_case("p0.05-y1", [0.05], [1.0], "mean")
    bce_case("soft-edges", [0.0, 1.0, 0.0, 1.0], [0.3, 0.7, 0.0, 1.0], "none")
    bce_case("large-n48", probs_u(48), bits(48), "mean", weight=rnd(rng.uniform(0.1, 3.0, 6)))

    # ---------------- bceWithLogits
    def bcel_case(tag, x, y, red, weight=None, pos=None):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n = x.size
        opts = red_opts(red, weight=None if weight is None else flat(weight),
                        posWeight=None if pos is None else flat(pos))
        # input viewed as (n/L, L) with L = len(posWeight) so torch broadcasts posWeight along the last axis;
        # weight of that same length L broadcasts too, any other length dividing n is tiled (same numbers).
        Lp = len(pos) if pos is not None else (len(weight) if weight is not None else 1)
        shape = (n // Lp, Lp)
        wt = None
        if weight is not None:
            assert n % len(weight) == 0
            wt = T(weight) if len(weight) == Lp else T(np.tile(weight, n // len(weight))).reshape(shape)
        fn = lambda a, b: F.binary_cross_entropy_with_logits(
            a, b, weight=wt, pos_weight=None if pos is None else T(pos), reduction=torch_red(red))
        exp = loss_and_grad(fn, T(x).reshape(shape), T(y).reshape(shape))
        fam.add("bceWithLogits", tag, [flat(x), flat(y)], opts, exp)

    edges = [50.0, -50.0, 1e4, -1e4, 0.0, 50.0, -50.0, 1e4, -1e4, 0.0, 3.0, -3.0]
    edge_t = [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.25]
    for red in REDUCTIONS:
        for scale in [0.1, 1.0, 5.0, 30.0]:
            n = int(rng.integers(1, 9))
            bcel_case("random-s%g" % scale, rnd(rng.normal(0, scale, n)), bits(n), red)
        n = int(rng.integers(2, 9))
        bcel_case("soft-targets", rnd(rng.normal(0, 2, n)), probs_u(n), red)
        bcel_case("edges", edges, edge_t, red)
        bcel_case("weight-full", rnd(rng.normal(0, 2, 6)), bits(6), red, weight=rnd(rng.uniform(0.1, 3, 6)))
        bcel_case("posWeight-L3", rnd(rng.normal(0, 2, 6)), bits(6), red, pos=rnd(rng.uniform(0.5, 4, 3)))
        bcel_case("posWeight-full", rnd(rng.normal(0, 2, 4)), probs_u(4), red, pos=rnd(rng.uniform(0.5, 4, 4)))
        bcel_case("weight+posWeight-L2", rnd(rng.normal(0, 2, 8)), bits(8), red, weight=[0.5, 2.0], pos=[3.0, 0.25])
        bcel_case("edges-posWeight-L2", edges, edge_t, red, pos=[2.0, 0.5])
    bcel_case("weight-full+posWeight-L2", rnd(rng.normal(0, 2, 8)), bits(8), "mean",
              weight=rnd(rng.uniform(0.1, 3, 8)), pos=[3.0, 0.25])
    bcel_case("weight-L4+posWeight-L2", rnd(rng.normal(0, 2, 8)), bits(8), "none",
              weight=[0.5, 1.0, 2.0, 4.0], pos=[3.0, 0.25])
    bcel_case("large-n60", rnd(rng.normal(0, 3, 60)), bits(60), "mean",
              weight=rnd(rng.uniform(0.1, 3, 6)), pos=rnd(rng.uniform(0.5, 4, 6)))

    # ---------------- crossEntropy
    def ce_case(tag, logits, target, red, weight=None, ignore=None, smoothing=None, prob=False, fn_name="crossEntropy"):
        logits = np.asarray(logits, dtype=np.float64)
        N, C = logits.shape
        opts = {"classes": C}
        opts.update(red_opts(red, weight=None if weight is None else flat(weight), ignoreIndex=ignore,
                             labelSmoothing=smoothing))
        if prob:
            # A flat (N, 1) probability target has the length of N indices: say which it is, as its shape did.
            if C == 1:
                opts["targetKind"] = "probabilities"
            tgt = T(target).reshape(N, C)
            targ_json = flat(np.asarray(target, dtype=np.float64))
        else:
            tgt = L(target)
            targ_json = ints(target)
        kw = dict(weight=None if weight is None else T(weight),
                  ignore_index=-100 if ignore is None else ignore, reduction=torch_red(red))
        if fn_name == "crossEntropy":
            fn = lambda a, b: F.cross_entropy(a, b, label_smoothing=0.0 if smoothing is None else smoothing, **kw)
        else:
            fn = lambda a, b: F.nll_loss(a, b, **kw)
        exp = loss_and_grad(fn, T(logits), tgt)
        fam.add(fn_name, tag, [flat(logits), targ_json], opts, exp)

    def rand_logits(N, C, scale):
        return rnd(rng.normal(0, scale, (N, C)))

    def rand_idx(N, C):
        return rng.integers(0, C, N)

    def rand_probs(N, C, sharp=1.0):
        z = rng.normal(0, sharp, (N, C))
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    for scale in [0.1, 1.0, 5.0, 30.0]:
        for red in REDUCTIONS:
            N, C = int(rng.integers(1, 9)), int(rng.integers(2, 7))
            ce_case("random-s%g" % scale, rand_logits(N, C, scale), rand_idx(N, C), red)
    for red in REDUCTIONS:
        N, C = int(rng.integers(2, 9)), int(rng.integers(2, 7))
        ce_case("weight", rand_logits(N, C, 2), rand_idx(N, C), red, weight=rnd(rng.uniform(0.1, 3, C)))
        N, C = 6, 4
        tg = rand_idx(N, C)
        tg[[1, 4]] = -100
        ce_case("ignore-default", rand_logits(N, C, 2), tg, red)
        ce_case("weight+ignore-default", rand_logits(N, C, 2), tg, red, weight=rnd(rng.uniform(0.1, 3, C)))
        tg = np.array([0, 2, 1, 2, 3, 0])
        ce_case("ignore-2", rand_logits(6, 4, 2), tg, red, ignore=2)
        ce_case("weight+ignore-2", rand_logits(6, 4, 2), tg, red, ignore=2, weight=rnd(rng.uniform(0.1, 3, 4)))
    for ls in [0.1, 0.3]:
        for red in ["mean", "sum", "none"]:
            N, C = 5, 4
            ce_case("smoothing%g" % ls, rand_logits(N, C, 2), rand_idx(N, C), red, smoothing=ls)
            ce_case("weight+smoothing%g" % ls, rand_logits(N, C, 2), rand_idx(N, C), red, smoothing=ls,
                    weight=rnd(rng.uniform(0.1, 3, C)))
            tg = rand_idx(N, C)
            tg[2] = -100
            ce_case("ignore+smoothing%g" % ls, rand_logits(N, C, 2), tg, red, smoothing=ls)
            tg = np.array([1, 3, 0, 3, 2])
            ce_case("weight+ignore3+smoothing%g" % ls, rand_logits(N, C, 2), tg, red, smoothing=ls, ignore=3,
                    weight=rnd(rng.uniform(0.1, 3, C)))
    ce_case("smoothing1.0", rand_logits(4, 3, 2), rand_idx(4, 3), "mean", smoothing=1.0)
    ce_case("ignore-minus1", rand_logits(4, 3, 2), [0, -1, 2, -1], "mean", ignore=-1)
    # probability targets
    for red in ["mean", "sum", "none"]:
        N, C = int(rng.integers(2, 7)), int(rng.integers(2, 6))
        ce_case("probs", rand_logits(N, C, 2), rand_probs(N, C), red, prob=True)
        ce_case("probs+weight", rand_logits(N, C, 2), rand_probs(N, C), red, prob=True,
                weight=rnd(rng.uniform(0.1, 3, C)))
        ce_case("probs+smoothing0.2", rand_logits(N, C, 2), rand_probs(N, C), red, prob=True, smoothing=0.2)
        ce_case("probs+weight+smoothing0.1", rand_logits(N, C, 2), rand_probs(N, C), red, prob=True, smoothing=0.1,
                weight=rnd(rng.uniform(0.1, 3, C)))
    ce_case("probs-onehot", rand_logits(3, 4, 3), np.eye(4)[[0, 3, 1]], "mean", prob=True)
    ce_case("probs-unnormalised", rand_logits(3, 4, 1), rnd(rng.uniform(0, 2, (3, 4))), "mean", prob=True)
    # every target ignored
    for red in ["mean", "sum", "none"]:
        allign = np.array([-100, -100, -100])
        ce_case("all-ignored", rand_logits(3, 4, 1), allign, red)
        ce_case("all-ignored+weight", rand_logits(3, 4, 1), allign, red, weight=[1.0, 2.0, 0.5, 3.0])
        ce_case("all-ignored+smoothing0.1", rand_logits(3, 4, 1), allign, red, smoothing=0.1)
        ce_case("all-ignored+weight+smoothing0.1", rand_logits(3, 4, 1), allign, red, smoothing=0.1,
                weight=[1.0, 2.0, 0.5, 3.0])
    ce_case("all-ignored-custom", rand_logits(2, 3, 1), [1, 1], "mean", ignore=1)
    # N = 1, C = 1
    for red in ["mean", "sum", "none"]:
        ce_case("N1", rand_logits(1, 5, 2), [3], red)
        ce_case("C1-probs", rand_logits(4, 1, 2), np.array([[1.0], [0.0], [0.5], [1.0]]), red, prob=True)
    ce_case("N1C1-probs", [[0.7]], [[1.0]], "mean", prob=True)
    # extreme logits
    ext = np.array([[50.0, -50.0, 0.0], [-50.0, 50.0, 0.0], [1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4]])
    for red in ["mean", "sum", "none"]:
        ce_case("extreme", ext, [0, 0, 0, 0, 2], red)
        ce_case("extreme+smoothing0.1", ext, [1, 1, 2, 1, 0], red, smoothing=0.1)
    ce_case("extreme-probs", ext, rand_probs(5, 3), "mean", prob=True)
    # larger
    ce_case("large-N32-C6", rand_logits(32, 6, 3), rand_idx(32, 6), "mean")
    tg = rand_idx(32, 6)
    tg[::7] = -100
    ce_case("large-N32-C6-all-options", rand_logits(32, 6, 3), tg, "mean", smoothing=0.15,
            weight=rnd(rng.uniform(0.1, 3, 6)))

    # ---------------- nll
    def log_softmax_np(z):
        z = np.asarray(z)
        m = z.max(1, keepdims=True)
        return z - m - np.log(np.exp(z - m).sum(1, keepdims=True))

    for red in REDUCTIONS:
        for scale in [1.0, 5.0]:
            N, C = int(rng.integers(1, 9)), int(rng.integers(2, 7))
            ce_case("logsoftmax-s%g" % scale, log_softmax_np(rand_logits(N, C, scale)), rand_idx(N, C), red,
                    fn_name="nll")
        N, C = int(rng.integers(2, 9)), int(rng.integers(2, 7))
        ce_case("arbitrary-inputs", rand_logits(N, C, 3), rand_idx(N, C), red, fn_name="nll")
        ce_case("weight", log_softmax_np(rand_logits(N, C, 2)), rand_idx(N, C), red, fn_name="nll",
                weight=rnd(rng.uniform(0.1, 3, C)))
        tg = np.array([0, -100, 2, 1, -100, 3])
        ce_case("weight+ignore-default", log_softmax_np(rand_logits(6, 4, 2)), tg, red, fn_name="nll",
                weight=rnd(rng.uniform(0.1, 3, 4)))
        ce_case("ignore-0", log_softmax_np(rand_logits(6, 4, 2)), [0, 1, 0, 2, 3, 0], red, fn_name="nll", ignore=0)
        ce_case("all-ignored", log_softmax_np(rand_logits(2, 3, 1)), [-100, -100], red, fn_name="nll")
    ce_case("C1", [[-0.5], [0.25], [0.0]], [0, 0, 0], "mean", fn_name="nll")
    ce_case("large-N32-C6", log_softmax_np(rand_logits(32, 6, 3)), rand_idx(32, 6), "mean", fn_name="nll",
            weight=rnd(rng.uniform(0.1, 3, 6)))

    # ---------------- klDiv
    def kl_case(tag, inp, tgt, red, classes=None, log_target=None):
        inp = np.asarray(inp, dtype=np.float64)
        tgt = np.asarray(tgt, dtype=np.float64)
        opts = {}
        if classes is not None:
            opts["classes"] = classes
        if log_target is not None:
            opts["logTarget"] = log_target
        opts.update(red_opts(red))
        shape = (inp.size // classes, classes) if classes is not None else (inp.size,)
        fn = lambda a, b: F.kl_div(a, b, reduction=torch_red(red), log_target=bool(log_target))
        exp = loss_and_grad(fn, T(inp).reshape(shape), T(tgt).reshape(shape))
        fam.add("klDiv", tag, [flat(inp), flat(tgt)], opts, exp)

    for red in [None, "mean", "sum", "none", "batchmean"]:
        N, C = int(rng.integers(1, 7)), int(rng.integers(2, 6))
        q = rand_probs(N, C)
        kl_case("probs", log_softmax_np(rand_logits(N, C, 1.5)), q, red, classes=C)
        kl_case("probs-no-classes", log_softmax_np(rand_logits(1, 5, 1.5)), rand_probs(1, 5), red)
        qz = rand_probs(3, 4)
        qz[0, 1] = 0.0
        qz[2, 0] = 0.0
        qz[2, 3] = 0.0
        kl_case("target-zeros", log_softmax_np(rand_logits(3, 4, 1.5)), qz, red, classes=4)
        kl_case("logTarget", log_softmax_np(rand_logits(N, C, 1.5)), log_softmax_np(rand_logits(N, C, 2)), red,
                classes=C, log_target=True)
        kl_case("logTarget-false-explicit", rand_logits(N, C, 1.0), rand_probs(N, C), red, classes=C,
                log_target=False)
    kl_case("batchmean-N6-C3", log_softmax_np(rand_logits(6, 3, 2)), rand_probs(6, 3), "batchmean", classes=3)
    kl_case("batchmean-no-classes-n6", rnd(rng.normal(-1, 1, 6)), rnd(rng.uniform(0, 0.5, 6)), "batchmean")
    kl_case("large-N24-C5", log_softmax_np(rand_logits(24, 5, 2)), rand_probs(24, 5), "batchmean", classes=5)

    # ---------------- sigmoidFocal
    def sf_case(tag, x, y, red, alpha=None, gamma=None):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        opts = red_opts(red, alpha=alpha, gamma=gamma)
        a = 0.25 if alpha is None else alpha
        g = 2.0 if gamma is None else gamma
        fn = lambda p, t: sigmoid_focal_t(p, t, a, g, torch_red(red))
        exp = loss_and_grad(fn, T(x), T(y))
        fam.add("sigmoidFocal", tag, [flat(x), flat(y)], opts, exp)

    for red in REDUCTIONS:
        for scale in [0.1, 1.0, 5.0, 30.0]:
            n = int(rng.integers(1, 9))
            sf_case("random-s%g" % scale, rnd(rng.normal(0, scale, n)), bits(n), red)
    for gamma in [0.0, 0.5, 1.0, 2.0, 5.0]:
        for red in ["mean", "none"]:
            n = int(rng.integers(3, 9))
            sf_case("gamma%g" % gamma, rnd(rng.normal(0, 2, n)), bits(n), red, gamma=gamma)
        sf_case("gamma%g-alpha-none" % gamma, rnd(rng.normal(0, 2, 6)), bits(6), "sum", gamma=gamma, alpha=-1.0)
        sf_case("gamma%g-soft-targets" % gamma, rnd(rng.normal(0, 2, 5)), probs_u(5), "mean", gamma=gamma)
        # logits +-50: for gamma < 1 torch's gradient is NaN where sigmoid saturates to p_t == 1 exactly
        sf_case("gamma%g-logits50" % gamma, [50.0, -50.0, 50.0, -50.0, 0.0, 2.0],
                [1.0, 0.0, 0.0, 1.0, 1.0, 0.0], "none", gamma=gamma)
    for alpha in [0.5, 0.75, 0.0, 1.0]:
        sf_case("alpha%g" % alpha, rnd(rng.normal(0, 2, 6)), bits(6), "mean", alpha=alpha)
    sf_case("logits1e4", [1e4, -1e4, 1e4, -1e4], [1.0, 0.0, 0.0, 1.0], "none")
    sf_case("large-n64", rnd(rng.normal(0, 3, 64)), bits(64), "mean")

    # ---------------- softmaxFocal
    def smf_case(tag, logits, target, red, alpha=None, gamma=None):
        logits = np.asarray(logits, dtype=np.float64)
        N, C = logits.shape
        opts = {"classes": C}
        opts.update(red_opts(red, alpha=alpha, gamma=gamma))
        a = 1.0 if alpha is None else alpha
        g = 2.0 if gamma is None else gamma
        fn = lambda p, t: softmax_focal_t(p, t, a, g, torch_red(red))
        exp = loss_and_grad(fn, T(logits), L(target))
        fam.add("softmaxFocal", tag, [flat(logits), ints(target)], opts, exp)

    for red in REDUCTIONS:
        for scale in [0.1, 1.0, 5.0, 30.0]:
            N, C = int(rng.integers(1, 9)), int(rng.integers(2, 7))
            smf_case("random-s%g" % scale, rand_logits(N, C, scale), rand_idx(N, C), red)
    for gamma in [0.0, 0.5, 1.0, 2.0, 5.0]:
        for red in ["mean", "none"]:
            N, C = int(rng.integers(2, 9)), int(rng.integers(2, 7))
            smf_case("gamma%g" % gamma, rand_logits(N, C, 2), rand_idx(N, C), red, gamma=gamma)
        smf_case("gamma%g-alpha0.25" % gamma, rand_logits(4, 3, 2), rand_idx(4, 3), "sum", gamma=gamma, alpha=0.25)
        # +-50 logits: CE is tiny but not 0; +-1e4: CE is exactly 0 (p_t == 1), gradient NaN for 0 < gamma < 1
        smf_case("gamma%g-extreme" % gamma, ext, [0, 0, 0, 0, 2], "none", gamma=gamma)
    smf_case("large-N32-C6", rand_logits(32, 6, 3), rand_idx(32, 6), "mean")

    # ---------------- errors
    p4 = [0.2, 0.7, 0.5, 0.9]
    y4 = [0.0, 1.0, 1.0, 0.0]
    fam.error("bce", "prob-above-1", [[0.2, 1.5, 0.5], [0.0, 1.0, 1.0]], {},
              "input[1] = 1.5: all elements of input should be between 0 and 1")
    fam.error("bce", "prob-negative", [[-0.1, 0.5], [0.0, 1.0]], {},
              "input[0] = -0.1: all elements of input should be between 0 and 1")
    fam.error("bce", "prob-nan", [[0.3, float("nan")], [0.0, 1.0]], {},
              "input[1] = NaN: all elements of input should be between 0 and 1")
    fam.error("bce", "length-mismatch", [p4, [0.0, 1.0, 1.0]], {}, "input and target lengths differ (4 vs 3)")
    fam.error("bce", "weight-length-3-of-4", [p4, y4], {"weight": [1.0, 2.0, 3.0]},
              "weight length 3 does not divide input length 4 (cannot broadcast)")
    fam.error("bce", "unknown-reduction", [p4, y4], {"reduction": "avg"}, "unknown reduction 'avg'")
    fam.error("bceWithLogits", "posWeight-length-3-of-4", [[1.0, -2.0, 0.5, 3.0], y4], {"posWeight": [1.0, 2.0, 3.0]},
              "posWeight length 3 does not divide input length 4 (cannot broadcast)")
    fam.error("bceWithLogits", "weight-length-5-of-4", [[1.0, -2.0, 0.5, 3.0], y4], {"weight": [1.0] * 5},
              "weight length 5 does not divide input length 4 (cannot broadcast)")
    fam.error("bceWithLogits", "length-mismatch", [[1.0, -2.0], [1.0]], {}, "input and target lengths differ (2 vs 1)")
    fam.error("bceWithLogits", "unknown-reduction", [[1.0, -2.0], [1.0, 0.0]], {"reduction": "avg"},
              "unknown reduction 'avg'")
    lg = flat(rand_logits(3, 5, 1))
    fam.error("crossEntropy", "index-out-of-range", [lg, [0, 7, 2]], {"classes": 5},
              "target[1] = 7 is out of range [0, 5)")
    fam.error("crossEntropy", "index-negative", [lg, [0, -1, 2]], {"classes": 5},
              "target[1] = -1 is out of range [0, 5) and is not ignoreIndex")
    fam.error("crossEntropy", "index-minus100-custom-ignore", [lg, [0, -100, 2]], {"classes": 5, "ignoreIndex": 2},
              "target[1] = -100 is out of range [0, 5) and is not ignoreIndex (2)")
    fam.error("crossEntropy", "index-not-integer", [lg, [0, 2.5, 1]], {"classes": 5},
              "target[1] = 2.5 is not an integer class index")
    fam.error("crossEntropy", "classes-not-dividing", [flat(rand_logits(1, 7, 1)), [0, 1]], {"classes": 3},
              "classes 3 does not divide logits length 7")
    fam.error("crossEntropy", "target-length", [lg, [0, 1, 2, 3]], {"classes": 5},
              "target length 4 is neither N = 3 (indices) nor N*C = 15 (probabilities)")
    fam.error("crossEntropy", "ignoreIndex-with-probs", [flat(rand_logits(2, 3, 1)), flat(rand_probs(2, 3))],
              {"classes": 3, "ignoreIndex": 2}, "ignore_index is not supported for floating point target")
    fam.error("crossEntropy", "weight-length", [lg, [0, 1, 2]], {"classes": 5, "weight": [1.0, 2.0, 3.0]},
              "weight length 3 != classes 5")
    fam.error("crossEntropy", "labelSmoothing-above-1", [lg, [0, 1, 2]], {"classes": 5, "labelSmoothing": 1.5},
              "label_smoothing must be between 0.0 and 1.0. Got: 1.5")
    fam.error("crossEntropy", "unknown-reduction", [lg, [0, 1, 2]], {"classes": 5, "reduction": "avg"},
              "unknown reduction 'avg'")
    fam.error("crossEntropy", "classes-zero", [lg, [0, 1, 2]], {"classes": 0}, "classes must be a positive integer")
    fam.error("nll", "index-out-of-range", [lg, [0, 5, 2]], {"classes": 5}, "target[1] = 5 is out of range [0, 5)")
    fam.error("nll", "classes-not-dividing", [flat(rand_logits(1, 7, 1)), [0, 1]], {"classes": 2},
              "classes 2 does not divide input length 7")
    fam.error("nll", "unknown-reduction", [lg, [0, 1, 2]], {"classes": 5, "reduction": "avg"},
              "unknown reduction 'avg'")
    fam.error("klDiv", "length-mismatch", [[-1.0, -0.5, -2.0], [0.5, 0.5]], {}, "input and target lengths differ (3 vs 2)")
    fam.error("klDiv", "classes-not-dividing", [[-1.0, -0.5, -2.0], [0.2, 0.3, 0.5]], {"classes": 2,
              "reduction": "batchmean"}, "classes 2 does not divide input length 3")
    fam.error("klDiv", "unknown-reduction", [[-1.0, -0.5], [0.5, 0.5]], {"reduction": "avg"}, "unknown reduction 'avg'")
    fam.error("sigmoidFocal", "length-mismatch", [[1.0, -1.0, 0.0], [1.0, 0.0]], {},
              "input and target lengths differ (3 vs 2)")
    fam.error("sigmoidFocal", "unknown-reduction", [[1.0, -1.0], [1.0, 0.0]], {"reduction": "avg"},
              "unknown reduction 'avg'")
    fam.error("softmaxFocal", "index-out-of-range", [lg, [0, 7, 2]], {"classes": 5},
              "target[1] = 7 is out of range [0, 5)")
    fam.error("softmaxFocal", "classes-not-dividing", [flat(rand_logits(1, 7, 1)), [0, 1]], {"classes": 3},
              "classes 3 does not divide logits length 7")
    fam.error("softmaxFocal", "unknown-reduction", [lg, [0, 1, 2]], {"classes": 5, "reduction": "avg"},
              "unknown reduction 'avg'")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# stable: logSumExp, softmax, logSoftmax

def gen_stable():
    fam = Family("stable")
    rng = np.random.default_rng(3003)

    def reference(fn, x, dim, stable):
        if stable:
            if fn == "logSumExp":
                return torch.logsumexp(x, dim=dim)
            if fn == "softmax":
                return torch.softmax(x, dim=dim)
            return torch.log_softmax(x, dim=dim)
        e = torch.exp(x)
        if fn == "logSumExp":
            return torch.log(e.sum(dim=dim))
        sm = e / e.sum(dim=dim, keepdim=True)
        return sm if fn == "softmax" else torch.log(sm)

    def case(fn, tag, x, classes=None, stable=None, precision=None):
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        opts = {}
        if classes is not None:
            opts["classes"] = classes
        if stable is not None:
            opts["stable"] = stable
        if precision is not None:
            opts["precision"] = precision
        dt = torch.float32 if precision == "f32" else torch.float64
        xt = torch.tensor(x, dtype=torch.float64).to(dt)
        if classes is not None:
            xt = xt.reshape(-1, classes)
        out = reference(fn, xt, -1, stable is not False).to(torch.float64)
        if fn == "logSumExp" and classes is None:
            exp = out.item()
        else:
            exp = flat(out)
        variant = "%s-%s" % (precision or "f64", "naive" if stable is False else "stable")
        fam.add(fn, tag, [flat(x)], opts, exp, tol=1e-5 if precision == "f32" else None, variant=variant)

    teach = {"1000-1000": [1000.0, 1000.0], "neg1000-neg1001": [-1000.0, -1001.0], "89-90": [89.0, 90.0],
             "709-710": [709.0, 710.0]}
    for fn in ["logSumExp", "softmax", "logSoftmax"]:
        for name, x in teach.items():
            for precision in ["f32", "f64"]:
                for stable in [None, False, True]:
                    if stable is True and precision == "f64" and name != "89-90":
                        continue
                    case(fn, "teaching-" + name, x, stable=stable, precision=precision if precision == "f32" else
                         (None if stable is None else "f64"))
        for scale in [0.1, 1.0, 5.0, 30.0]:
            n = int(rng.integers(1, 9))
            x = rnd(rng.normal(0, scale, n))
            case(fn, "random-s%g" % scale, x)
            case(fn, "random-s%g" % scale, x, stable=False)
            case(fn, "random-s%g" % scale, x, precision="f32")
            N, C = int(rng.integers(1, 7)), int(rng.integers(1, 7))
            x = rnd(rng.normal(0, scale, N * C))
            case(fn, "rows-s%g" % scale, x, classes=C)
            case(fn, "rows-s%g" % scale, x, classes=C, stable=False)
            case(fn, "rows-s%g" % scale, x, classes=C, precision="f32", stable=True)
        rows = [1000.0, 1000.0, 0.0, -1000.0, -1001.0, 0.0, 89.0, 90.0, 0.0, 1.0, 2.0, 3.0]
        case(fn, "teaching-rows", rows, classes=3)
        case(fn, "teaching-rows", rows, classes=3, stable=False)
        case(fn, "teaching-rows", rows, classes=3, precision="f32")
        case(fn, "teaching-rows", rows, classes=3, precision="f32", stable=False)
        case(fn, "single", [3.5])
        case(fn, "ties", [2.0, 2.0, 2.0, 2.0])
        case(fn, "large-n64", rnd(rng.normal(0, 10, 64)), classes=8)

    fam.error("softmax", "classes-not-dividing", [[1.0, 2.0, 3.0]], {"classes": 2}, "classes 2 does not divide length 3")
    fam.error("logSumExp", "classes-not-dividing", [[1.0, 2.0, 3.0, 4.0, 5.0]], {"classes": 3},
              "classes 3 does not divide length 5")
    fam.error("logSoftmax", "unknown-precision", [[1.0, 2.0]], {"precision": "f16"}, "precision must be 'f32' or 'f64'")
    # torch.softmax of an empty tensor is an empty tensor, so it is not an error; covered as a value case instead.
    fam.add("softmax", "empty", [[]], {}, [])
    return fam


# ----------------------------------------------------------------------------------------------------------------
# embedding: tripletMargin, cosineEmbedding, infoNCE

def info_nce_t(a, b, temperature, symmetric):
    an = F.normalize(a, dim=1, eps=1e-12)
    bn = F.normalize(b, dim=1, eps=1e-12)
    logits = an @ bn.T / temperature
    labels = torch.arange(a.shape[0])
    loss = F.cross_entropy(logits, labels)
    if symmetric:
        loss = (loss + F.cross_entropy(logits.T, labels)) / 2
    return loss


def gen_embedding():
    fam = Family("embedding")
    rng = np.random.default_rng(4004)

    def trip_case(tag, a, p, n, red, margin=None, pnorm=None, eps=None, swap=None):
        a, p, n = (np.asarray(v, dtype=np.float64) for v in (a, p, n))
        N, D = a.shape
        opts = {"dim": D}
        opts.update(red_opts(red, margin=margin, p=pnorm, eps=eps, swap=swap))
        fn = lambda x, y, z: F.triplet_margin_loss(
            x, y, z, margin=1.0 if margin is None else margin, p=2.0 if pnorm is None else pnorm,
            eps=1e-6 if eps is None else eps, swap=bool(swap), reduction=torch_red(red))
        exp = loss_and_grad(fn, T(a), T(p), T(n))
        fam.add("tripletMargin", tag, [flat(a), flat(p), flat(n)], opts, exp)

    def r(N, D, s=1.0):
        return rnd(rng.normal(0, s, (N, D)))

    for red in REDUCTIONS:
        for scale in [0.1, 1.0, 5.0]:
            N, D = int(rng.integers(1, 9)), int(rng.integers(1, 7))
            trip_case("random-s%g" % scale, r(N, D, scale), r(N, D, scale), r(N, D, scale), red)
        N, D = 5, 3
        a = r(N, D)
        trip_case("p1", a, a + r(N, D, 0.5), r(N, D), red, pnorm=1.0)
        trip_case("p3", a, a + r(N, D, 0.5), r(N, D), red, pnorm=3.0)
        trip_case("swap", a, a + r(N, D, 0.8), a + r(N, D, 0.8), red, swap=True)
    for margin in [0.0, 2.0, 0.5]:
        for red in ["mean", "none"]:
            N, D = 6, 4
            a = r(N, D)
            trip_case("margin%g" % margin, a, a + r(N, D, 0.7), a + r(N, D, 1.0), red, margin=margin)
    a = r(3, 2)
    trip_case("identical-anchor-positive", a, a.copy(), a + 0.5, "none")
    trip_case("identical-all", a, a.copy(), a.copy(), "none")
    trip_case("eps1e-3", a, a + r(3, 2, 0.1), a + r(3, 2, 1.0), "mean", eps=1e-3)
    trip_case("swap+p1+margin2", r(4, 3), r(4, 3), r(4, 3), "sum", swap=True, pnorm=1.0, margin=2.0)
    trip_case("large-N32-D6", r(32, 6), r(32, 6), r(32, 6), "mean")

    def cos_case(tag, x1, x2, y, red, margin=None):
        x1, x2 = np.asarray(x1, dtype=np.float64), np.asarray(x2, dtype=np.float64)
        N, D = x1.shape
        opts = {"dim": D}
        opts.update(red_opts(red, margin=margin))
        fn = lambda a, b, c: F.cosine_embedding_loss(a, b, c, margin=0.0 if margin is None else margin,
                                                     reduction=torch_red(red))
        exp = loss_and_grad(fn, T(x1), T(x2), T(y))
        fam.add("cosineEmbedding", tag, [flat(x1), flat(x2), ints(y)], opts, exp)

    def pm1(N):
        return rng.choice([1, -1], N)

    for red in REDUCTIONS:
        for scale in [0.1, 1.0, 5.0]:
            N, D = int(rng.integers(1, 9)), int(rng.integers(2, 7))
            cos_case("random-s%g" % scale, r(N, D, scale), r(N, D, scale), pm1(N), red)
        for margin in [0.5, -0.3]:
            N, D = 6, 3
            cos_case("margin%g" % margin, r(N, D), r(N, D), pm1(N), red, margin=margin)
    cos_case("zero-vector", [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], [1, -1], "none")
    cos_case("parallel", [[1.0, 2.0], [1.0, 2.0]], [[2.0, 4.0], [-3.0, -6.0]], [1, -1], "none", margin=0.2)
    cos_case("D1", [[1.5], [-2.0], [0.5]], [[3.0], [1.0], [-0.25]], [1, 1, -1], "mean")
    cos_case("large-N32-D6", r(32, 6), r(32, 6), pm1(32), "mean", margin=0.1)

    def nce_case(tag, a, b, temperature=None, symmetric=None):
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        N, D = a.shape
        opts = {"dim": D}
        if temperature is not None:
            opts["temperature"] = temperature
        if symmetric is not None:
            opts["symmetric"] = symmetric
        fn = lambda x, y: info_nce_t(x, y, 0.07 if temperature is None else temperature,
                                     True if symmetric is None else symmetric)
        exp = loss_and_grad(fn, T(a), T(b))
        variant = "symmetric" if symmetric is not False else "one-way"
        fam.add("infoNCE", tag, [flat(a), flat(b)], opts, exp, variant=variant)

    for temperature in [None, 0.07, 0.1, 0.5, 1.0]:
        for symmetric in [None, False]:
            N, D = int(rng.integers(1, 9)), int(rng.integers(2, 7))
            a = r(N, D)
            nce_case("random-t%s" % temperature, a, a + r(N, D, 0.8), temperature, symmetric)
    a = r(4, 3)
    nce_case("identical", a, a.copy())
    nce_case("identical", a, a.copy(), symmetric=False)
    nce_case("unnormalised-scale", r(5, 4, 30.0), r(5, 4, 0.1), temperature=0.2)
    nce_case("N1", r(1, 3), r(1, 3))
    nce_case("zero-row", np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 0.5], [0.2, 0.3, -2.0]]), r(3, 3))
    nce_case("large-N32-D6", r(32, 6), r(32, 6), temperature=0.1)

    fam.error("tripletMargin", "length-mismatch", [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0], [0.0, 0.0, 0.0, 0.0]], {"dim": 2},
              "anchor, positive and negative lengths differ (4, 2, 4)")
    fam.error("tripletMargin", "dim-not-dividing", [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], {"dim": 2},
              "dim 2 does not divide length 3")
    fam.error("tripletMargin", "unknown-reduction", [[1.0, 2.0], [1.0, 2.0], [0.0, 0.0]], {"dim": 2,
              "reduction": "avg"}, "unknown reduction 'avg'")
    fam.error("cosineEmbedding", "y-length", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0], [1]], {"dim": 2},
              "y length 1 != N = 2")
    fam.error("cosineEmbedding", "y-not-pm1", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0], [1, 0]], {"dim": 2},
              "y[1] = 0: y must be 1 or -1")
    fam.error("cosineEmbedding", "length-mismatch", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0], [1, -1]], {"dim": 2},
              "x1 and x2 lengths differ (4 vs 2)")
    fam.error("infoNCE", "temperature-zero", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0]], {"dim": 2,
              "temperature": 0.0}, "temperature must be > 0")
    fam.error("infoNCE", "temperature-negative", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0]], {"dim": 2,
              "temperature": -0.1}, "temperature must be > 0")
    fam.error("infoNCE", "length-mismatch", [[1.0, 2.0, 3.0, 4.0], [1.0, 0.0]], {"dim": 2},
              "a and b lengths differ (4 vs 2)")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# segmentation: dice, iou, tversky, focalTversky (scalar losses over all elements)

def seg_t(fn, p, t, smooth, alpha, beta, gamma):
    if fn == "dice":
        return 1 - (2 * (p * t).sum() + smooth) / (p.sum() + t.sum() + smooth)
    if fn == "iou":
        i = (p * t).sum()
        return 1 - (i + smooth) / (p.sum() + t.sum() - i + smooth)
    tp = (p * t).sum()
    fp = (p * (1 - t)).sum()
    fn_ = ((1 - p) * t).sum()
    ti = (tp + smooth) / (tp + alpha * fp + beta * fn_ + smooth)
    if fn == "tversky":
        return 1 - ti
    return (1 - ti) ** gamma


def gen_segmentation():
    fam = Family("segmentation")
    rng = np.random.default_rng(5005)

    def case(fn, tag, p, t, smooth=None, alpha=None, beta=None, gamma=None):
        p, t = np.asarray(p, dtype=np.float64).reshape(-1), np.asarray(t, dtype=np.float64).reshape(-1)
        opts = red_opts(None, smooth=smooth)
        if fn in ("tversky", "focalTversky"):
            opts.update(red_opts(None, alpha=alpha, beta=beta))
        if fn == "focalTversky":
            opts.update(red_opts(None, gamma=gamma))
        f = lambda x, y: seg_t(fn, x, y, 1.0 if smooth is None else smooth, 0.3 if alpha is None else alpha,
                               0.7 if beta is None else beta, 0.75 if gamma is None else gamma)
        exp = loss_and_grad(f, T(p), T(t))
        fam.add(fn, tag, [flat(p), flat(t)], opts, exp, variant="smooth%g" % (1.0 if smooth is None else smooth))

    def probs(n):
        return rnd(rng.uniform(0.0, 1.0, n))

    def mask(n, frac=0.4):
        return (rng.uniform(0, 1, n) < frac).astype(np.float64)

    for fn in ["dice", "iou", "tversky", "focalTversky"]:
        for smooth in [None, 0.0, 1e-5, 1.0, 10.0]:
            n = int(rng.integers(4, 17))
            t = mask(n)
            t[0] = 1.0
            case(fn, "random", probs(n), t, smooth=smooth)
        case(fn, "soft-targets", probs(12), probs(12))
        case(fn, "sparse-mask", probs(36), (np.arange(36) == 17).astype(float))
        case(fn, "empty-mask", probs(9), np.zeros(9))
        case(fn, "empty-mask", rnd(rng.uniform(0, 0.05, 9)), np.zeros(9), smooth=1e-5)
        case(fn, "large-n256", probs(256), mask(256, 0.2))
        t = mask(10)
        t[:2] = [1.0, 0.0]
        close = np.clip(t + rnd(rng.normal(0, 0.05, 10)), 0, 1)
        case(fn, "near-perfect", close, t, smooth=0.0)
        if fn != "focalTversky":
            # perfect prediction: loss exactly 0 (focalTversky with gamma < 1 has an infinite slope there: left out)
            case(fn, "perfect", t, t)
            case(fn, "perfect", t, t, smooth=0.0)
    for alpha, beta in [(0.5, 0.5), (0.7, 0.3), (0.3, 0.7), (1.0, 1.0), (0.0, 1.0)]:
        n = 12
        p, t = probs(n), mask(n)
        t[3] = 1.0
        case("tversky", "alpha%g-beta%g" % (alpha, beta), p, t, alpha=alpha, beta=beta)
        case("focalTversky", "alpha%g-beta%g" % (alpha, beta), p, t, alpha=alpha, beta=beta)
    for gamma in [0.5, 1.0, 1.5, 2.0, 3.0]:
        n = 12
        p, t = probs(n), mask(n)
        t[5] = 1.0
        case("focalTversky", "gamma%g" % gamma, p, t, gamma=gamma)
    t = (np.arange(8) % 3 == 0).astype(float)
    case("focalTversky", "perfect-gamma1", t, t, gamma=1.0)
    case("focalTversky", "perfect-gamma2", t, t, gamma=2.0)

    fam.error("dice", "length-mismatch", [[0.5, 0.5, 0.2], [1.0, 0.0]], {}, "probs and target lengths differ (3 vs 2)")
    fam.error("iou", "length-mismatch", [[0.5], [1.0, 0.0]], {}, "probs and target lengths differ (1 vs 2)")
    fam.error("tversky", "length-mismatch", [[0.5, 0.1], [1.0]], {}, "probs and target lengths differ (2 vs 1)")
    fam.error("focalTversky", "length-mismatch", [[0.5, 0.1], [1.0]], {}, "probs and target lengths differ (2 vs 1)")
    fam.error("dice", "smooth-negative", [[0.5, 0.1], [1.0, 0.0]], {"smooth": -1.0}, "smooth must be >= 0")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# detection: giou

def gen_detection():
    fam = Family("detection")
    rng = np.random.default_rng(6006)

    def case(tag, b1, b2, red, eps=None):
        b1, b2 = np.asarray(b1, dtype=np.float64).reshape(-1, 4), np.asarray(b2, dtype=np.float64).reshape(-1, 4)
        opts = red_opts(red, eps=eps)
        fn = lambda a, b: torchvision.ops.generalized_box_iou_loss(a, b, reduction=torch_red(red),
                                                                   eps=1e-7 if eps is None else eps)
        exp = loss_and_grad(fn, T(b1), T(b2))
        fam.add("giou", tag, [flat(b1), flat(b2)], opts, exp)

    def boxes(N, scale=10.0):
        xy = rng.uniform(0, scale, (N, 2))
        wh = rng.uniform(0.1 * scale, 0.6 * scale, (N, 2))
        return rnd(np.concatenate([xy, xy + wh], 1), 4)

    named = {
        "overlapping": ([0.0, 0.0, 4.0, 4.0], [2.0, 1.0, 6.0, 5.0]),
        "disjoint": ([0.0, 0.0, 1.0, 1.0], [3.0, 4.0, 5.0, 6.0]),
        "nested": ([0.0, 0.0, 10.0, 8.0], [2.0, 2.0, 5.0, 4.0]),
        "nested-reversed": ([2.0, 2.0, 5.0, 4.0], [0.0, 0.0, 10.0, 8.0]),
        "identical": ([1.0, 2.0, 3.0, 5.0], [1.0, 2.0, 3.0, 5.0]),
        "touching-edge": ([0.0, 0.0, 2.0, 2.0], [2.0, 0.0, 4.0, 2.0]),
        "shared-corner-coordinates": ([0.0, 0.0, 3.0, 3.0], [0.0, 1.0, 3.0, 4.0]),
        "far-apart": ([0.0, 0.0, 1.0, 1.0], [100.0, 100.0, 101.0, 102.0]),
    }
    for red in REDUCTIONS:
        for name, (a, b) in named.items():
            case(name, a, b, red)
        for scale in [1.0, 10.0, 100.0]:
            N = int(rng.integers(1, 9))
            case("random-s%g" % scale, boxes(N, scale), boxes(N, scale), red)
    allb1 = np.array([v[0] for v in named.values()])
    allb2 = np.array([v[1] for v in named.values()])
    case("all-named", allb1, allb2, "none")
    case("all-named", allb1, allb2, "mean", eps=1e-3)
    case("zero-area-boxes", [[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 2.0, 0.0]], [[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 2.0, 2.0]],
         "none")
    case("large-N32", boxes(32), boxes(32), "mean")

    fam.error("giou", "length-not-multiple-of-4", [[0.0, 0.0, 1.0, 1.0, 2.0], [0.0, 0.0, 1.0, 1.0, 2.0]], {},
              "boxes1 length 5 is not a multiple of 4")
    fam.error("giou", "length-mismatch", [[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0]], {},
              "boxes1 and boxes2 lengths differ (4 vs 8)")
    fam.error("giou", "inverted-box", [[2.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0]], {},
              "boxes1[0]: x2 = 1 < x1 = 2 (boxes must have x1 <= x2 and y1 <= y2)")
    fam.error("giou", "unknown-reduction", [[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0]], {"reduction": "avg"},
              "unknown reduction 'avg'")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# weighting: classWeights

def class_weights_np(counts, strategy, beta):
    c = np.asarray(counts, dtype=np.float64)
    C = c.size
    n = c.sum()
    if strategy == "inverse":
        return n / (C * c)
    if strategy == "inverse_sqrt":
        return np.sqrt(n / (C * c))
    # effective number of samples (Cui et al. 2019): (1 - beta) / (1 - beta^n_c), normalised to sum to C.
    # 1 - beta^n_c computed as -expm1(n_c log beta) for accuracy.
    if beta == 0.0:
        w = np.ones_like(c)  # (1 - 0) / (1 - 0^n_c) = 1 for n_c > 0
    else:
        w = (1.0 - beta) / (-np.expm1(c * np.log(beta)))
    return w * (C / w.sum())


def gen_weighting():
    fam = Family("weighting")
    rng = np.random.default_rng(7007)

    def case(tag, counts, strategy, beta=None):
        opts = {"strategy": strategy}
        if beta is not None:
            opts["beta"] = beta
        exp = class_weights_np(counts, strategy, 0.999 if beta is None else beta)
        fam.add("classWeights", tag, [ints(counts) if all(float(v).is_integer() for v in counts) else flat(counts)],
                opts, flat(exp), variant=strategy)

    sets = {
        "textbook-900-100": [900, 100],
        "long-tail-5": [5000, 1200, 300, 60, 8],
        "balanced-4": [250, 250, 250, 250],
        "single-class": [42],
        "ones": [1, 1, 1],
        "random-6": [int(v) for v in rng.integers(1, 2000, 6)],
        "random-3": [int(v) for v in rng.integers(1, 50, 3)],
        "huge-counts": [10 ** 7, 10 ** 5, 10 ** 3],
    }
    for name, counts in sets.items():
        for strategy in ["inverse", "inverse_sqrt", "effective"]:
            case(name, counts, strategy)
    for beta in [0.9, 0.99, 0.9999, 0.0]:
        case("textbook-900-100-beta%g" % beta, [900, 100], "effective", beta=beta)
        case("long-tail-5-beta%g" % beta, [5000, 1200, 300, 60, 8], "effective", beta=beta)
    case("fractional-counts", [2.5, 7.5, 10.0], "inverse")
    case("fractional-counts", [2.5, 7.5, 10.0], "effective", beta=0.99)

    fam.error("classWeights", "negative-count", [[10, -3, 5]], {"strategy": "inverse"}, "counts[1] = -3 is negative")
    fam.error("classWeights", "nan-count", [[10.0, float("nan")]], {"strategy": "effective"}, "counts[1] = NaN")
    fam.error("classWeights", "empty", [[]], {"strategy": "inverse"}, "counts is empty")
    fam.error("classWeights", "unknown-strategy", [[10, 5]], {"strategy": "log"}, "unknown strategy 'log'")
    fam.error("classWeights", "beta-one", [[10, 5]], {"strategy": "effective", "beta": 1.0},
              "beta must be in [0, 1) (beta = 1 gives 0/0)")
    fam.error("classWeights", "beta-negative", [[10, 5]], {"strategy": "effective", "beta": -0.5},
              "beta must be in [0, 1)")
    return fam


# ----------------------------------------------------------------------------------------------------------------
# calibration: ece, fitTemperature

def ece_np(probs, labels, classes, bins):
    P = np.asarray(probs, dtype=np.float64).reshape(-1, classes)
    y = np.asarray(labels).reshape(-1)
    N = P.shape[0]
    conf = P.max(1)
    pred = P.argmax(1)  # first maximum
    correct = (pred == y).astype(np.float64)
    his = [(b + 1) / bins for b in range(bins)]
    idx = np.empty(N, dtype=np.int64)
    for i in range(N):
        b = 0
        while b < bins - 1 and not (conf[i] <= his[b]):
            b += 1
        idx[i] = b
    out = []
    ece = 0.0
    for b in range(bins):
        m = idx == b
        cnt = int(m.sum())
        if cnt:
            cf = float(conf[m].sum() / cnt)
            ac = float(correct[m].sum() / cnt)
            ece += (cnt / N) * abs(ac - cf)
        else:
            cf = ac = 0.0
        out.append({"lo": b / bins, "hi": (b + 1) / bins, "count": cnt, "confidence": cf, "accuracy": ac})
    return {"ece": ece, "bins": out}


def ce_mean_np(z, y, s):
    """mean_i [lse(s z_i) - s z_{i,y_i}] and its first two derivatives in s."""
    zs = s * z
    m = zs.max(1, keepdims=True)
    e = np.exp(zs - m)
    lse = (m + np.log(e.sum(1, keepdims=True)))[:, 0]
    p = e / e.sum(1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    f = np.mean(lse - s * zy)
    ez = (p * z).sum(1)
    g = np.mean(ez - zy)
    h = np.mean((p * z * z).sum(1) - ez * ez)
    return f, g, h


def fit_temperature_np(z, y):
    """Inverse temperature s = 1/T minimising the mean NLL; the NLL is convex in s, so bracket the root of its
    derivative and polish with safeguarded Newton steps until the bracket stops shrinking."""
    _, g0, _ = ce_mean_np(z, y, 0.0)
    assert g0 < 0, "no finite temperature: the NLL keeps falling as T -> infinity"
    lo, hi = 0.0, 1.0
    while ce_mean_np(z, y, hi)[1] < 0:
        lo, hi = hi, hi * 2
        assert hi < 1e6, "no finite temperature: the NLL keeps falling as T -> 0"
    s = 0.5 * (lo + hi)
    for _ in range(500):
        _, g, h = ce_mean_np(z, y, s)
        if g == 0:
            break
        if g < 0:
            lo = s
        else:
            hi = s
        step = s - g / h if h > 0 else 0.5 * (lo + hi)
        s_new = step if lo < step < hi else 0.5 * (lo + hi)
        if s_new == s or hi - lo <= 4 * np.finfo(float).eps * s:
            break
        s = s_new
    return s


def gen_calibration():
    fam = Family("calibration")
    rng = np.random.default_rng(8008)

    def ece_case(tag, probs, labels, bins=None):
        P = np.asarray(probs, dtype=np.float64)
        N, C = P.shape
        opts = {"classes": C}
        if bins is not None:
            opts["bins"] = bins
        exp = ece_np(P, labels, C, 15 if bins is None else bins)
        fam.add("ece", tag, [flat(P), ints(labels)], opts, exp, variant="bins%d" % (15 if bins is None else bins))

    def softmax_np(z):
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    for bins in [None, 5, 10, 20]:
        for scale in [0.5, 2.0, 6.0]:
            N, C = int(rng.integers(4, 13)), int(rng.integers(2, 6))
            P = softmax_np(rng.normal(0, scale, (N, C)))
            ece_case("random-s%g" % scale, P, rng.integers(0, C, N), bins)
    # confidences exactly on bin edges (0.6 = 9/15 = 6/10, 0.5 ties to the first class, 1.0 in the last bin,
    # 0.2 = 3/15 = 2/10 = 1/5 on an edge for every bin count used here)
    edge = np.array([[0.6, 0.4], [0.4, 0.6], [0.5, 0.5], [1.0, 0.0], [0.2, 0.8], [0.8, 0.2], [0.7, 0.3],
                     [0.3, 0.7]])
    edge_l = [0, 0, 1, 0, 1, 1, 0, 0]
    for bins in [None, 5, 10]:
        ece_case("bin-edges", edge, edge_l, bins)
    ece_case("three-class-edges", [[0.2, 0.2, 0.6], [1 / 3, 1 / 3, 1 / 3], [0.0, 1.0, 0.0], [0.4, 0.4, 0.2]],
             [2, 1, 1, 1], 5)
    ece_case("single-bin", [[0.9, 0.1], [0.3, 0.7], [0.55, 0.45]], [0, 0, 0], 1)
    ece_case("N1", [[0.1, 0.7, 0.2]], [1], None)
    ece_case("all-correct-confident", [[0.99, 0.01], [0.02, 0.98]], [0, 1], 10)
    ece_case("large-N200-C5", softmax_np(rng.normal(0, 3, (200, 5))), rng.integers(0, 5, 200), None)

    def ft_case(tag, z, y):
        z = np.asarray(z, dtype=np.float64)
        y = np.asarray(y, dtype=np.int64)
        N, C = z.shape
        s = fit_temperature_np(z, y)
        temp = 1.0 / s
        zt = T(z)
        before = F.cross_entropy(zt, L(y)).item()
        tt = torch.tensor(temp, requires_grad=True)
        after_t = F.cross_entropy(zt / tt, L(y))
        after_t.backward()
        d = tt.grad.item()  # d NLL / d T at the optimum: ~0
        assert abs(d) * temp <= 1e-12 * max(1.0, abs(after_t.item())), (tag, d, temp)
        fam.add("fitTemperature", tag, [flat(z), ints(y)], {"classes": C},
                {"temperature": temp, "nllBefore": before, "nllAfter": after_t.item()}, tol=1e-7,
                variant="T>1" if temp > 1 else "T<1")

    for k in range(4):
        # overconfident: large logits, labels agree with the argmax only ~60% of the time -> T > 1
        N, C = int(rng.integers(8, 25)), int(rng.integers(2, 6))
        z = rnd(rng.normal(0, 5.0, (N, C)))
        y = np.where(rng.uniform(0, 1, N) < 0.6, z.argmax(1), rng.integers(0, C, N))
        ft_case("overconfident", z, y)
    for k in range(4):
        # underconfident: small logits that point at the label most of the time, a couple of mistakes -> T < 1
        N, C = int(rng.integers(8, 25)), int(rng.integers(2, 6))
        y = rng.integers(0, C, N)
        z = rnd(0.6 * np.eye(C)[y] + rng.normal(0, 0.15, (N, C)))
        y[:2] = (y[:2] + 1) % C
        ft_case("underconfident", z, y)
    z = rnd(rng.normal(0, 4.0, (64, 6)))
    y = np.where(rng.uniform(0, 1, 64) < 0.5, z.argmax(1), rng.integers(0, 6, 64))
    ft_case("large-N64-C6", z, y)
    ft_case("two-samples", [[2.0, 0.0], [1.0, 0.0]], [0, 1])

    lg = [0.5, 1.0, -0.5, 2.0, 0.0, 0.3]
    fam.error("ece", "label-out-of-range", [[0.6, 0.4, 0.3, 0.7], [0, 2]], {"classes": 2},
              "labels[1] = 2 is out of range [0, 2)")
    fam.error("ece", "classes-not-dividing", [[0.6, 0.4, 0.3], [0]], {"classes": 2}, "classes 2 does not divide length 3")
    fam.error("ece", "labels-length", [[0.6, 0.4, 0.3, 0.7], [0]], {"classes": 2}, "labels length 1 != N = 2")
    fam.error("ece", "bins-zero", [[0.6, 0.4], [0]], {"classes": 2, "bins": 0}, "bins must be a positive integer")
    fam.error("fitTemperature", "label-out-of-range", [lg, [0, 3]], {"classes": 3}, "labels[1] = 3 is out of range [0, 3)")
    fam.error("fitTemperature", "classes-not-dividing", [lg, [0, 1]], {"classes": 4},
              "classes 4 does not divide length 6")
    fam.error("fitTemperature", "labels-length", [lg, [0, 1, 2]], {"classes": 3}, "labels length 3 != N = 2")
    return fam


# ----------------------------------------------------------------------------------------------------------------

def main():
    gens = [gen_regression, gen_classification, gen_stable, gen_embedding, gen_segmentation, gen_detection,
            gen_weighting, gen_calibration]
    total = 0
    for gen in gens:
        fam = gen()
        path, n, size = fam.write()
        assert size < 1_500_000, (path, size)
        per_fn = {}
        for c in fam.cases:
            key = c["fn"] + (" (error)" if "error" in c else "")
            per_fn[key] = per_fn.get(key, 0) + 1
        print("%-20s %4d cases %8d bytes  %s" % (os.path.basename(path), n, size,
                                                 ", ".join("%s %d" % kv for kv in per_fn.items())))
        total += n
    print("total %d cases" % total)


if __name__ == "__main__":
    sys.exit(main())
