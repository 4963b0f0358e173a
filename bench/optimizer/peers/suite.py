"""Benchmark problems for the optimizer-peer comparison.

Every problem is a `Problem` with
  name, space (list of dimension dicts), f(params) -> float (to minimise, possibly noisy),
  true_f(params) (noiseless), fmin (exact minimum of true_f over the space) and argmin (a params
  dict where true_f == fmin).

Dimension dicts:
  {"name": "x0", "type": "real", "low": -5.0, "high": 10.0, "log": False}
  {"name": "k0", "type": "int",  "low": 1,    "high": 12,   "log": False}
  {"name": "c",  "type": "cat",  "categories": ["a", "b", "c"]}

Functions come from the Surjanovic-Bingham virtual library of simulation experiments
(https://www.sfu.ca/~ssurjano/optimization.html) and from BBOB/COCO (Hansen et al., "Real-parameter
black-box optimization benchmarking 2009: noiseless functions definitions"). Each problem draws its
own random numbers from a generator seeded with crc32 of its name, so the suite is identical on every
machine and run. The optimum is moved away from the centre of the box (every coordinate at 12-38 %
or 62-88 % of its range), either by shifting the function (for functions whose global minimum over
R^d is known) or by cutting an asymmetric sub-box out of the function's standard domain (Hartmann,
Michalewicz, Schwefel). Minima that are only known numerically (Hartmann, six-hump camel,
Michalewicz, Schwefel) are refined here to machine precision from the literature minimiser (or,
for the separable ones, by exact 1-D minimisation per coordinate).

`python suite.py` checks every problem: true_f(argmin) == fmin (1e-9 relative) and, at 1000
random points, true_f >= fmin - 1e-9.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.optimize import minimize, minimize_scalar


def name_seed(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


@dataclass
class Problem:
    name: str
    space: list
    true_f: Callable[[dict], float]
    fmin: float
    argmin: dict
    noise_sd: float = 0.0
    source: str = ""
    box: str = ""  # how the box / shift was made, for SUITE.md
    _rng: np.random.Generator = field(default=None, repr=False)

    @property
    def dim(self) -> int:
        return len(self.space)

    @property
    def noisy(self) -> bool:
        return self.noise_sd > 0

    def types(self) -> str:
        counts = {}
        for d in self.space:
            t = d["type"] + ("-log" if d.get("log") else "")
            counts[t] = counts.get(t, 0) + 1
        return ", ".join(f"{n} {t}" for t, n in counts.items())

    def reseed(self, seed: int) -> None:
        """Seeds the noise generator for one run."""
        self._rng = np.random.default_rng([name_seed(self.name), int(seed)])

    def f(self, params: dict) -> float:
        v = float(self.true_f(params))
        if self.noise_sd > 0:
            if self._rng is None:
                self.reseed(0)
            v += self.noise_sd * float(self._rng.standard_normal())
        return v

    def sample(self, rng: np.random.Generator) -> dict:
        """One uniform point (log-uniform on log dimensions)."""
        return sample_point(self.space, rng)


def sample_point(space: list, rng: np.random.Generator) -> dict:
    p = {}
    for d in space:
        t = d["type"]
        if t == "cat":
            p[d["name"]] = d["categories"][int(rng.integers(len(d["categories"])))]
        elif t == "real":
            if d.get("log"):
                p[d["name"]] = float(math.exp(rng.uniform(math.log(d["low"]), math.log(d["high"]))))
            else:
                p[d["name"]] = float(rng.uniform(d["low"], d["high"]))
        else:
            lo, hi = int(d["low"]), int(d["high"])
            if d.get("log"):
                k = int(math.floor(math.exp(rng.uniform(math.log(lo), math.log(hi + 1)))))
            else:
                k = int(rng.integers(lo, hi + 1))
            p[d["name"]] = min(max(k, lo), hi)
    return p


def _real(name, low, high, log=False):
    return {"name": name, "type": "real", "low": float(low), "high": float(high), "log": bool(log)}


def _int(name, low, high, log=False):
    return {"name": name, "type": "int", "low": int(low), "high": int(high), "log": bool(log)}


def _cat(name, cats):
    return {"name": name, "type": "cat", "categories": list(cats)}


def _off_centre(rng, n):
    """Relative positions in [0.12, 0.38] or [0.62, 0.88]: never near the centre of the range."""
    u = rng.uniform(0.12, 0.38, size=n)
    flip = rng.random(n) < 0.5
    return np.where(flip, 1.0 - u, u)


# --------------------------------------------------------------------------------------------
# Base functions on numpy vectors z (global minima over R^d as documented)
# --------------------------------------------------------------------------------------------

def ackley(z):
    d = len(z)
    return float(-20.0 * math.exp(-0.2 * math.sqrt(np.dot(z, z) / d))
                 - math.exp(np.sum(np.cos(2 * math.pi * z)) / d) + 20.0 + math.e)


def rastrigin(z):
    return float(10.0 * len(z) + np.sum(z * z - 10.0 * np.cos(2 * math.pi * z)))


def levy(z):
    w = 1.0 + (z - 1.0) / 4.0
    t1 = math.sin(math.pi * w[0]) ** 2
    wi = w[:-1]
    t2 = np.sum((wi - 1) ** 2 * (1 + 10 * np.sin(math.pi * wi + 1) ** 2))
    t3 = (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return float(t1 + t2 + t3)


def rosenbrock(z):
    return float(np.sum(100.0 * (z[1:] - z[:-1] ** 2) ** 2 + (z[:-1] - 1.0) ** 2))


def styblinski_tang(z):
    return float(0.5 * np.sum(z ** 4 - 16 * z ** 2 + 5 * z))


def griewank(z):
    i = np.arange(1, len(z) + 1)
    return float(np.sum(z * z) / 4000.0 - np.prod(np.cos(z / np.sqrt(i))) + 1.0)


def zakharov(z):
    i = np.arange(1, len(z) + 1)
    s = np.sum(0.5 * i * z)
    return float(np.sum(z * z) + s ** 2 + s ** 4)


def dixon_price(z):
    i = np.arange(2, len(z) + 1)
    return float((z[0] - 1) ** 2 + np.sum(i * (2 * z[1:] ** 2 - z[:-1]) ** 2))


def powell(z):
    z = z.reshape(-1, 4)
    a, b, c, d = z[:, 0], z[:, 1], z[:, 2], z[:, 3]
    return float(np.sum((a + 10 * b) ** 2 + 5 * (c - d) ** 2 + (b - 2 * c) ** 4 + 10 * (a - d) ** 4))


def branin(z):
    x1, x2 = z
    b, c, r, s, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return float((x2 - b * x1 ** 2 + c * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s)


def six_hump(z):
    x, y = z
    return float((4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2)


def goldstein_price(z):
    x, y = z
    a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return float(a * b)


_H3_A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_H3_P = 1e-4 * np.array([[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]])
_H6_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                  [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_H6_P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
_H_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def hartmann3(z):
    return float(-np.sum(_H_ALPHA * np.exp(-np.sum(_H3_A * (z - _H3_P) ** 2, axis=1))))


def hartmann6(z):
    return float(-np.sum(_H_ALPHA * np.exp(-np.sum(_H6_A * (z - _H6_P) ** 2, axis=1))))


def michalewicz_term(x, i, m=10):
    return -math.sin(x) * math.sin(i * x * x / math.pi) ** (2 * m)


def michalewicz(z):
    return float(sum(michalewicz_term(float(x), i + 1) for i, x in enumerate(z)))


def schwefel_term(x):
    return 418.9829 - x * math.sin(math.sqrt(abs(x)))


def schwefel(z):
    return float(sum(schwefel_term(float(x)) for x in z))


def t_osz(x):
    """BBOB oscillation transformation (elementwise); t_osz(0) == 0 and it is monotone."""
    x = np.asarray(x, dtype=float)
    xh = np.where(x != 0, np.log(np.abs(x) + (x == 0)), 0.0)
    c1 = np.where(x > 0, 10.0, 5.5)
    c2 = np.where(x > 0, 7.9, 3.1)
    return np.sign(x) * np.exp(xh + 0.049 * (np.sin(c1 * xh) + np.sin(c2 * xh)))


def random_rotation(rng, d):
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))


# --------------------------------------------------------------------------------------------
# Problem builders
# --------------------------------------------------------------------------------------------

def _vec(params, names):
    return np.array([float(params[n]) for n in names])


def shifted(name, g, zstar, lo, hi, fmin, source, noise_sd=0.0, zstar_exact=None, box_note=""):
    """g has global minimum fmin over R^d at zstar. Box [lo, hi]^d (per coordinate), the optimum is
    moved to a random off-centre point x* of the box; true_f(x) = g(x - s), s = x* - zstar."""
    d = len(zstar)
    rng = np.random.default_rng(name_seed(name))
    lo = np.broadcast_to(np.asarray(lo, float), (d,)).copy()
    hi = np.broadcast_to(np.asarray(hi, float), (d,)).copy()
    u = _off_centre(rng, d)
    xstar = lo + u * (hi - lo)
    zstar = np.asarray(zstar, float)
    s = xstar - zstar
    names = [f"x{i}" for i in range(d)]
    space = [_real(n, lo[i], hi[i]) for i, n in enumerate(names)]

    def true_f(p):
        return g(_vec(p, names) - s)

    argmin = {n: float(xstar[i]) for i, n in enumerate(names)}
    if np.all(lo == lo[0]) and np.all(hi == hi[0]):
        boxs = f"[{lo[0]:g}, {hi[0]:g}]^{d}"
    else:
        boxs = " x ".join(f"[{a:g}, {b:g}]" for a, b in zip(lo, hi))
    note = box_note or f"{boxs}, shifted optimum"
    return Problem(name, space, true_f, float(fmin), argmin, noise_sd, source, note)


def sub_box(name, g, xstar, lo, hi, fmin, source, noise_sd=0.0, refine=True):
    """g is defined on its standard box [lo, hi] with minimiser xstar there (literature value).
    The problem's box is a random asymmetric sub-box around xstar. With refine, xstar and fmin are
    polished by L-BFGS-B to machine precision."""
    d = len(xstar)
    rng = np.random.default_rng(name_seed(name))
    lo = np.broadcast_to(np.asarray(lo, float), (d,)).copy()
    hi = np.broadcast_to(np.asarray(hi, float), (d,)).copy()
    xstar = np.asarray(xstar, float)
    if refine:
        res = minimize(g, xstar, method="L-BFGS-B", bounds=list(zip(lo, hi)),
                       options={"ftol": 1e-15, "gtol": 1e-13, "maxiter": 10000})
        if g(res.x) < g(xstar):
            xstar = res.x
        fmin = g(xstar)
    blo, bhi = lo.copy(), hi.copy()
    for i in range(d):
        while True:
            a, b = rng.uniform(0.45, 1.0, size=2)
            l_ = xstar[i] - a * (xstar[i] - lo[i])
            h_ = xstar[i] + b * (hi[i] - xstar[i])
            rel = (xstar[i] - l_) / (h_ - l_)
            if 0.1 <= rel <= 0.9 and abs(rel - 0.5) >= 0.1:
                break
        blo[i], bhi[i] = round(l_, 4), round(h_, 4)
    names = [f"x{i}" for i in range(d)]
    space = [_real(n, blo[i], bhi[i]) for i, n in enumerate(names)]

    def true_f(p):
        return g(_vec(p, names))

    argmin = {n: float(xstar[i]) for i, n in enumerate(names)}
    note = f"random asymmetric sub-box of [{lo.min():g}, {hi.max():g}]^{d}"
    return Problem(name, space, true_f, float(fmin), argmin, noise_sd, source, note)


def _min_1d(term, a, b, n=200001):
    """Exact minimum of a smooth 1-D function on [a, b]: dense grid, then bounded Brent."""
    xs = np.linspace(a, b, n)
    vals = np.array([term(x) for x in xs])
    j = int(np.argmin(vals))
    la, lb = xs[max(j - 1, 0)], xs[min(j + 1, n - 1)]
    r = minimize_scalar(term, bounds=(la, lb), method="bounded", options={"xatol": 1e-14})
    x = r.x if term(r.x) <= vals[j] else xs[j]
    return float(x), float(term(x))


def separable_sub_box(name, terms, lo, hi, source, box_frac=(0.45, 1.0)):
    """Separable function sum_i terms[i](x_i) on the standard box [lo, hi]; the per-coordinate
    argmin is found exactly, then a random asymmetric sub-box around it is cut."""
    d = len(terms)
    rng = np.random.default_rng(name_seed(name))
    xstar, fmin = [], 0.0
    for t in terms:
        x, v = _min_1d(t, lo, hi)
        xstar.append(x)
        fmin += v
    blo, bhi = [], []
    for i in range(d):
        while True:
            a, b = rng.uniform(*box_frac, size=2)
            l_ = xstar[i] - a * (xstar[i] - lo)
            h_ = xstar[i] + b * (hi - xstar[i])
            rel = (xstar[i] - l_) / (h_ - l_)
            if 0.1 <= rel <= 0.9 and abs(rel - 0.5) >= 0.1:
                break
        blo.append(round(l_, 4))
        bhi.append(round(h_, 4))
    names = [f"x{i}" for i in range(d)]
    space = [_real(n, blo[i], bhi[i]) for i, n in enumerate(names)]

    def true_f(p):
        return float(sum(t(float(p[n])) for t, n in zip(terms, names)))

    argmin = {n: xstar[i] for i, n in enumerate(names)}
    # fmin as the sum of the exact 1-D minima, summed in the same order as true_f
    fmin = true_f(argmin)
    return Problem(name, space, true_f, fmin, argmin, 0.0, source,
                   f"random asymmetric sub-box of [{lo:g}, {hi:g}]^{d}")


def _st_root():
    # Global minimiser of (x^4 - 16 x^2 + 5 x)/2: root of 4 x^3 - 32 x + 5 near -2.9035, polished.
    x = -2.903534
    for _ in range(50):
        x -= (4 * x ** 3 - 32 * x + 5) / (12 * x ** 2 - 32)
    return x


SB = "Surjanovic-Bingham"


def bbob_f2(name, d, noise_sd=0.0):
    """BBOB f2 separable ellipsoid, conditioning 1e6, with the T_osz transformation."""
    rng = np.random.default_rng(name_seed(name))
    xopt = -5.0 + 10.0 * _off_centre(rng, d)
    cond = 10.0 ** (6.0 * np.arange(d) / (d - 1))
    names = [f"x{i}" for i in range(d)]

    def true_f(p):
        z = t_osz(_vec(p, names) - xopt)
        return float(np.sum(cond * z * z))

    return Problem(name, [_real(n, -5, 5) for n in names], true_f, 0.0,
                   {n: float(xopt[i]) for i, n in enumerate(names)}, noise_sd, "BBOB f2",
                   f"[-5, 5]^{d}, x_opt random off-centre")


def bbob_f6(name, d):
    """BBOB f6 attractive sector: z = Q Lambda^10 R (x - x_opt), f = T_osz(sum (s_i z_i)^2)^0.9."""
    rng = np.random.default_rng(name_seed(name))
    xopt = -5.0 + 10.0 * _off_centre(rng, d)
    R = random_rotation(rng, d)
    Q = random_rotation(rng, d)
    lam = 10.0 ** (0.5 * np.arange(d) / (d - 1))
    M = Q @ np.diag(lam) @ R
    names = [f"x{i}" for i in range(d)]

    def true_f(p):
        z = M @ (_vec(p, names) - xopt)
        s = np.where(z * xopt > 0, 100.0, 1.0)
        v = float(np.sum((s * z) ** 2))
        return float(t_osz(np.array([v]))[0] ** 0.9)

    return Problem(name, [_real(n, -5, 5) for n in names], true_f, 0.0,
                   {n: float(xopt[i]) for i, n in enumerate(names)}, 0.0, "BBOB f6",
                   f"[-5, 5]^{d}, x_opt random off-centre, random rotations")


# ---------------------------- mixed problems ---------------------------------------------------

def mixed_hartmann3_cat(name="mixed-hartmann3-cat"):
    """Hartmann3 on [0,1]^3 and a categorical 'variant' of 4 levels. Each level adds an offset and
    moves the optimum by a shift; the best level (offset 0, no shift) gives fmin = min Hartmann3."""
    rng = np.random.default_rng(name_seed(name))
    cats = ["alpha", "beta", "gamma", "delta"]
    best = cats[int(rng.integers(4))]
    offsets = {c: (0.0 if c == best else float(rng.uniform(0.15, 0.9))) for c in cats}
    shifts = {c: (np.zeros(3) if c == best else rng.uniform(-0.3, 0.3, size=3)) for c in cats}
    res = minimize(hartmann3, [0.114614, 0.555649, 0.852547], method="L-BFGS-B",
                   bounds=[(0, 1)] * 3, options={"ftol": 1e-15, "gtol": 1e-13})
    xstar = res.x
    names = ["x0", "x1", "x2"]
    space = [_real(n, 0, 1) for n in names] + [_cat("variant", cats)]

    def true_f(p):
        c = p["variant"]
        return hartmann3(_vec(p, names) - shifts[c]) + offsets[c]

    argmin = {n: float(xstar[i]) for i, n in enumerate(names)}
    argmin["variant"] = best
    return Problem(name, space, true_f, hartmann3(xstar), argmin, 0.0, SB + " Hartmann3 + categorical",
                   "[0, 1]^3 + 4 levels (offset and shift per level)")


def mixed_ackley_cat(name="mixed-ackley-cat"):
    """Ackley 4-D whose input is rotated and scaled by a level of a categorical 'basis' (3 levels),
    each level with its own optimum location and an offset; the best level gives fmin = 0."""
    rng = np.random.default_rng(name_seed(name))
    d = 4
    cats = ["pca", "ica", "raw"]
    best = cats[int(rng.integers(3))]
    lo, hi = -3.0, 5.0
    rot = {c: random_rotation(rng, d) for c in cats}
    scale = {c: float(rng.uniform(0.6, 1.6)) for c in cats}
    opt = {c: lo + (hi - lo) * _off_centre(rng, d) for c in cats}
    off = {c: (0.0 if c == best else float(rng.uniform(0.5, 2.0))) for c in cats}
    names = [f"x{i}" for i in range(d)]
    space = [_real(n, lo, hi) for n in names] + [_cat("basis", cats)]

    def true_f(p):
        c = p["basis"]
        return ackley(scale[c] * rot[c] @ (_vec(p, names) - opt[c])) + off[c]

    argmin = {n: float(opt[best][i]) for i, n in enumerate(names)}
    argmin["basis"] = best
    return Problem(name, space, true_f, 0.0, argmin, 0.0, SB + " Ackley + categorical",
                   "[-3, 5]^4 + 3 levels (rotation, scale, optimum, offset per level)")


def mixed_levy_int(name="mixed-levy-int"):
    """Levy 6-D: 3 integer dims (one unit = 0.5 in Levy's z) and 3 real dims. The optimum is on an
    integer point, so fmin = 0 exactly."""
    rng = np.random.default_rng(name_seed(name))
    ilo = [int(v) for v in rng.integers(-12, -4, size=3)]
    ihi = [lo + int(rng.integers(16, 26)) for lo in ilo]
    kstar = [lo + int(round(u * (hi - lo))) for lo, hi, u in zip(ilo, ihi, _off_centre(rng, 3))]
    rlo, rhi = -10.0, 10.0
    xstar = rlo + (rhi - rlo) * _off_centre(rng, 3)
    space = ([_int(f"k{i}", ilo[i], ihi[i]) for i in range(3)]
             + [_real(f"x{i}", rlo, rhi) for i in range(3)])

    def true_f(p):
        zi = [1.0 + 0.5 * (int(p[f"k{i}"]) - kstar[i]) for i in range(3)]
        zr = [1.0 + float(p[f"x{i}"]) - xstar[i] for i in range(3)]
        # interleave int and real dims so they interact through Levy's neighbour terms
        return levy(np.array([zi[0], zr[0], zi[1], zr[1], zi[2], zr[2]]))

    argmin = {f"k{i}": kstar[i] for i in range(3)}
    argmin.update({f"x{i}": float(xstar[i]) for i in range(3)})
    return Problem(name, space, true_f, 0.0, argmin, 0.0, SB + " Levy, 3 integer dims",
                   "ints on random ranges, reals [-10, 10]; optimum on an integer point")


def mixed_lr_bowl(name="mixed-lr-bowl", noise_sd=0.0):
    """A training-loss-like bowl in log space: learning rate (log), weight decay (log), momentum,
    batch size (integer, log). The best lr scales with sqrt(batch)/(1 - momentum) (coupled dims);
    lr past the best by more than 10x is penalised (divergence). fmin = 0.2 at an integer batch."""
    rng = np.random.default_rng(name_seed(name.replace("noisy-", "")))
    lr_star = float(10 ** rng.uniform(-3.3, -2.2))
    wd_star = float(10 ** rng.uniform(-5.0, -3.5))
    m_star = float(rng.uniform(0.75, 0.92))
    b_star = int(rng.choice([24, 48, 96, 160]))
    space = [_real("lr", 1e-5, 1.0, log=True), _real("weight_decay", 1e-7, 1e-1, log=True),
             _real("momentum", 0.0, 0.99), _int("batch", 8, 1024, log=True)]

    def true_f(p):
        lr, wd, m, b = float(p["lr"]), float(p["weight_decay"]), float(p["momentum"]), int(p["batch"])
        z1 = (math.log10(lr / (1 - m)) - math.log10(lr_star / (1 - m_star))
              - 0.5 * math.log10(b / b_star))
        z2 = math.log10(wd) - math.log10(wd_star)
        z3 = (m - m_star) / 0.3
        z4 = math.log2(b / b_star) / 3.0
        q = z1 * z1 + 0.25 * z2 * z2 + 0.2 * z1 * z2 + 0.5 * z3 * z3 + 0.3 * z4 * z4
        if z1 > 1.0:
            q += 5.0 * (z1 - 1.0) ** 2
        return 0.2 + q

    argmin = {"lr": lr_star, "weight_decay": wd_star, "momentum": m_star, "batch": b_star}
    return Problem(name, space, true_f, 0.2, argmin, noise_sd, "own (learning-rate bowl in log space)",
                   "log-uniform lr/wd, batch int log; optimum off-centre in log space")


def mixed8(name="mixed8"):
    """8-D mixed space: 2 log reals, 1 real, 3 ints (one log-scaled), 2 categoricals.
    Optimiser category moves the best learning rate and adds an offset; activation adds an offset
    and moves the best dropout. Rastrigin-like ripples in log lr and dropout make it multimodal.
    fmin = 0.1 at an integer point with the best categories."""
    rng = np.random.default_rng(name_seed(name))
    opts = ["sgd", "adam", "rmsprop", "adagrad"]
    acts = ["relu", "tanh", "elu"]
    best_opt = opts[int(rng.integers(4))]
    best_act = acts[int(rng.integers(3))]
    lr_star = {o: float(10 ** rng.uniform(-3.3, -1.2)) for o in opts}
    opt_off = {o: (0.0 if o == best_opt else float(rng.uniform(0.05, 0.4))) for o in opts}
    act_off = {a: (0.0 if a == best_act else float(rng.uniform(0.03, 0.25))) for a in acts}
    drop_star = {a: float(rng.uniform(0.1, 0.3) if rng.random() < 0.5 else rng.uniform(0.5, 0.7))
                 for a in acts}
    l2_star = float(10 ** rng.uniform(-5.0, -3.8))
    layers_star = int(rng.choice([2, 3, 6, 7]))
    units_star = int(rng.choice([24, 40, 200, 320]))
    epochs_star = int(rng.choice([14, 20, 44, 50]))
    W = random_rotation(rng, 6) @ np.diag([1.0, 0.6, 0.8, 0.5, 0.7, 0.4])
    A = W.T @ W  # positive definite coupling
    space = [_real("lr", 1e-4, 1.0, log=True), _real("l2", 1e-6, 1e-1, log=True),
             _real("dropout", 0.0, 0.8), _int("layers", 1, 8), _int("units", 16, 512, log=True),
             _int("epochs", 5, 60), _cat("optimizer", opts), _cat("activation", acts)]

    def true_f(p):
        o, a = p["optimizer"], p["activation"]
        z = np.array([
            math.log10(float(p["lr"]) / lr_star[o]),
            (math.log10(float(p["l2"])) - math.log10(l2_star)) / 2.0,
            (float(p["dropout"]) - drop_star[a]) / 0.3,
            (int(p["layers"]) - layers_star) / 2.0,
            math.log2(int(p["units"]) / units_star) / 1.5,
            (int(p["epochs"]) - epochs_star) / 15.0,
        ])
        q = float(z @ A @ z)
        ripple = 0.1 * ((1 - math.cos(2 * math.pi * z[0])) + (1 - math.cos(2 * math.pi * z[2])))
        return 0.1 + q + ripple + opt_off[o] + act_off[a]

    argmin = {"lr": lr_star[best_opt], "l2": l2_star, "dropout": drop_star[best_act],
              "layers": layers_star, "units": units_star, "epochs": epochs_star,
              "optimizer": best_opt, "activation": best_act}
    return Problem(name, space, true_f, 0.1, argmin, 0.0, "own (mixed hyperparameter surrogate)",
                   "log reals, ints (one log), 2 categoricals; optimum off-centre, integer")


# --------------------------------------------------------------------------------------------

def build_suite() -> list:
    st = _st_root()
    h_st = 0.5 * (st ** 4 - 16 * st ** 2 + 5 * st)
    dp = lambda d: [2.0 ** (-(2.0 ** i - 2.0) / 2.0 ** i) for i in range(1, d + 1)]
    # six-hump camel: minimiser polished from the literature value (0.0898, -0.7126)
    sh_z = minimize(six_hump, [0.0898, -0.7126], method="BFGS", options={"gtol": 1e-14}).x
    probs = [
        shifted("branin", branin, [math.pi, 2.275], [-5, 0], [10, 15], 5 / (4 * math.pi), SB + " Branin"),
        shifted("six-hump-camel", six_hump, sh_z, [-3, -2], [3, 2], six_hump(sh_z), SB + " six-hump camel"),
        shifted("goldstein-price", goldstein_price, [0.0, -1.0], -2, 2, 3.0, SB + " Goldstein-Price"),
        sub_box("hartmann3", hartmann3, [0.114614, 0.555649, 0.852547], 0, 1, -3.86278, SB + " Hartmann3"),
        sub_box("hartmann6", hartmann6, [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573],
                0, 1, -3.32237, SB + " Hartmann6"),
        shifted("ackley5", ackley, np.zeros(5), -5, 10, 0.0, SB + " Ackley"),
        shifted("ackley10", ackley, np.zeros(10), -5, 10, 0.0, SB + " Ackley"),
        shifted("ackley20", ackley, np.zeros(20), -2, 3, 0.0, SB + " Ackley"),
        shifted("rastrigin4", rastrigin, np.zeros(4), -5.12, 5.12, 0.0, SB + " Rastrigin"),
        shifted("levy4", levy, np.ones(4), -10, 10, 0.0, SB + " Levy"),
        shifted("levy10", levy, np.ones(10), -10, 10, 0.0, SB + " Levy"),
        shifted("rosenbrock4", rosenbrock, np.ones(4), -2.048, 2.048, 0.0, SB + " Rosenbrock"),
        shifted("rosenbrock8", rosenbrock, np.ones(8), -2.048, 2.048, 0.0, SB + " Rosenbrock"),
        shifted("styblinski-tang5", styblinski_tang, np.full(5, st), -5, 5, 5 * h_st, SB + " Styblinski-Tang"),
        shifted("styblinski-tang12", styblinski_tang, np.full(12, st), -5, 5, 12 * h_st,
                SB + " Styblinski-Tang"),
        shifted("griewank6", griewank, np.zeros(6), -10, 10, 0.0, SB + " Griewank"),
        separable_sub_box("michalewicz5", [lambda x, i=i: michalewicz_term(x, i) for i in range(1, 6)],
                          0.0, math.pi, SB + " Michalewicz (m=10)"),
        separable_sub_box("schwefel4", [schwefel_term] * 4, -500.0, 500.0, SB + " Schwefel"),
        shifted("zakharov8", zakharov, np.zeros(8), -5, 10, 0.0, SB + " Zakharov"),
        shifted("dixon-price6", dixon_price, dp(6), -10, 10, 0.0, SB + " Dixon-Price"),
        shifted("powell8", powell, np.zeros(8), -4, 5, 0.0, SB + " Powell"),
        bbob_f2("bbob-ellipsoid10", 10),
        bbob_f6("bbob-attractive-sector6", 6),
        # mixed
        mixed_hartmann3_cat(),
        mixed_ackley_cat(),
        mixed_levy_int(),
        mixed_lr_bowl(),
        mixed8(),
    ]
    # noisy variants (true_f noiseless)
    nb = shifted("noisy-branin", branin, [math.pi, 2.275], [-5, 0], [10, 15], 5 / (4 * math.pi),
                 SB + " Branin + noise", noise_sd=0.5)
    nh = sub_box("noisy-hartmann6", hartmann6, [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573],
                 0, 1, -3.32237, SB + " Hartmann6 + noise", noise_sd=0.1)
    nl = mixed_lr_bowl("noisy-mixed-lr-bowl", noise_sd=0.05)
    probs += [nb, nh, nl]
    return probs


SUITE = build_suite()
# the DL4J objectives (dl4j.py): real trainings with no known minimum, selected as "dl4j"
DL4J = __import__("dl4j").problems()
BY_NAME = {p.name: p for p in SUITE + DL4J}


def get(names="all") -> list:
    if names in (None, "all"):
        return list(SUITE)
    if names == "dl4j":
        return list(DL4J)
    out = []
    for n in names.split(",") if isinstance(names, str) else names:
        n = n.strip()
        if n not in BY_NAME:
            raise KeyError(f"unknown problem {n!r}; known: {', '.join(BY_NAME)}")
        out.append(BY_NAME[n])
    return out


def in_space(space, p) -> bool:
    for d in space:
        v = p[d["name"]]
        if d["type"] == "cat":
            if v not in d["categories"]:
                return False
        elif not (d["low"] <= v <= d["high"]):
            return False
        elif d["type"] == "int" and int(v) != v:
            return False
    return True


def centre_distance(space, p) -> float:
    """Largest relative distance of a numeric coordinate of p from the box centre (log-aware)."""
    best = 0.0
    for d in space:
        if d["type"] == "cat":
            continue
        lo, hi, v = float(d["low"]), float(d["high"]), float(p[d["name"]])
        if d.get("log"):
            lo, hi, v = math.log(lo), math.log(hi), math.log(v)
        best = max(best, abs((v - lo) / (hi - lo) - 0.5))
    return best


def check(n_random=1000) -> None:
    rng = np.random.default_rng(12345)
    assert len(SUITE) >= 22, len(SUITE)
    assert len(set(BY_NAME)) == len(SUITE) + len(DL4J)
    for p in SUITE:
        assert in_space(p.space, p.argmin), (p.name, p.argmin)
        v = p.true_f(p.argmin)
        assert abs(v - p.fmin) <= 1e-9 * max(1.0, abs(p.fmin)), (p.name, v, p.fmin)
        # strictly inside the box and not at its centre
        for d in p.space:
            if d["type"] != "cat":
                x = p.argmin[d["name"]]
                assert d["low"] < x < d["high"], (p.name, d["name"], x)
        assert centre_distance(p.space, p.argmin) >= 0.1, (p.name, "optimum too close to centre")
        worst = math.inf
        for _ in range(n_random):
            q = p.sample(rng)
            fv = p.true_f(q)
            worst = min(worst, fv)
            assert fv >= p.fmin - 1e-9, (p.name, q, fv, p.fmin)
        # noise: f differs from true_f only for noisy problems, and is reproducible per seed
        p.reseed(7)
        a = [p.f(p.argmin) for _ in range(3)]
        p.reseed(7)
        b = [p.f(p.argmin) for _ in range(3)]
        assert a == b
        if p.noisy:
            assert len(set(a)) == 3
        else:
            assert a[0] == p.fmin or abs(a[0] - p.fmin) <= 1e-9 * max(1.0, abs(p.fmin))
        print(f"  ok {p.name:26s} d={p.dim:2d} fmin={p.fmin:+.12g} best-of-{n_random}-random={worst:+.6g}"
              f"{'  noise sd=' + str(p.noise_sd) if p.noisy else ''}")
    n_mixed = sum(1 for p in SUITE if any(d["type"] != "real" or d.get("log") for d in p.space))
    n_noisy = sum(1 for p in SUITE if p.noisy)
    dims = sorted(p.dim for p in SUITE)
    print(f"check passed: {len(SUITE)} problems ({n_mixed} mixed, {n_noisy} noisy), dims {dims[0]}..{dims[-1]}")


if __name__ == "__main__":
    check()
