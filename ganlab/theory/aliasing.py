"""Image sampling: a continuous image read at grid points, aliasing, and the anti-alias filter.

Sampling s(x) = cos(2 pi f x) at x_j = j / f_s (f_s samples per unit) gives
cos(2 pi f j / f_s) = cos(2 pi (f - k f_s) j / f_s) for every integer k, so the samples cannot
tell f from any |f - k f_s|. What they show is the one in [0, f_s / 2] (the Nyquist frequency):

    f_alias = |f - k f_s|,   k = round(f / f_s).

Below Nyquist (f < f_s / 2) f_alias = f and nothing is lost; above it a slow, false pattern
appears (moire, "jaggies").

Anti-aliasing: blur before sampling. A Gaussian blur of standard deviation sigma multiplies a
frequency f by its transfer function exp(-2 pi^2 sigma^2 f^2); with sigma = c / f_s it keeps slow
detail and all but removes what would alias. Blur-then-sample is computed here by quadrature
of the continuous image (weights of a Gaussian on a fine stencil around each sample point), so
it works for any image function.

The zone plate  I(x, y) = (1 + cos(pi K r^2)) / 2  has local frequency f(r) = K r (cycles per
unit): every frequency at once, so sampled at f_s its rings are true inside r = f_s / (2K) and
false (aliased rings centred elsewhere) outside.
"""

from __future__ import annotations

import numpy as np

BLUR_C = 0.6   # sigma = BLUR_C / f_s: gain exp(-pi^2 c^2 / 2) = 0.17 at Nyquist, 0.0008 at f_s


def sinusoid(f: float):
    """The 1D (or 2D, varying along x) image s(x) = cos(2 pi f x)."""
    return lambda x, y=0.0: np.cos(2 * np.pi * f * np.asarray(x, float)) + 0 * np.asarray(y)


def zone_plate(K: float):
    """I(x, y) = (1 + cos(pi K r^2)) / 2, r^2 = x^2 + y^2, on [-1/2, 1/2]^2."""
    return lambda x, y: 0.5 * (1 + np.cos(np.pi * K * (np.asarray(x) ** 2 + np.asarray(y) ** 2)))


def apparent_frequency(f, fs) -> np.ndarray | float:
    """|f - k f_s| with k = round(f / f_s): the frequency the samples show, in [0, f_s / 2]."""
    f, fs = np.asarray(f, float), np.asarray(fs, float)
    out = np.abs(f - np.round(f / fs) * fs)
    return float(out) if out.ndim == 0 else out


def nyquist(fs: float) -> float:
    return fs / 2


def sample_points(fs: int, lo: float = 0.0, n: int | None = None) -> np.ndarray:
    """x_j = lo + j / f_s for j = 0 .. n - 1 (n = f_s: one unit)."""
    return lo + np.arange(fs if n is None else n) / fs


def gaussian_gain(f, sigma: float) -> np.ndarray | float:
    """The Gaussian blur's transfer function exp(-2 pi^2 sigma^2 f^2)."""
    out = np.exp(-2 * np.pi**2 * sigma**2 * np.asarray(f, float) ** 2)
    return float(out) if out.ndim == 0 else out


def _stencil(sigma: float, taps: int) -> tuple[np.ndarray, np.ndarray]:
    u = np.linspace(-4 * sigma, 4 * sigma, taps)   # +-4 sigma: the cut-off tails weigh 6e-5
    w = np.exp(-0.5 * (u / sigma) ** 2)
    return u, w / w.sum()


def blurred_samples_1d(image, xs, sigma: float, taps: int = 81) -> np.ndarray:
    """(G_sigma * image)(x_j): the blurred continuous image at the sample points, by quadrature."""
    u, w = _stencil(sigma, taps)
    return (image(np.asarray(xs)[:, None] + u[None, :]) * w).sum(axis=1)


def sample_2d(image, fs: int, lo: float = -0.5) -> np.ndarray:
    """image at the f_s x f_s grid points (lo + j / f_s, lo + i / f_s), row i = y."""
    g = sample_points(fs, lo)
    return image(g[None, :], g[:, None])


def blurred_samples_2d(image, fs: int, f_max: float, c: float = BLUR_C,
                       lo: float = -0.5) -> np.ndarray:
    """Blur-then-sample on the f_s x f_s grid: sigma = c / f_s, a separable Gaussian stencil
    around each sample (quadrature of the continuous image), its points closer than a quarter
    of the shortest wavelength 1 / f_max so the quadrature itself does not alias."""
    sigma = c / fs
    u, w = _stencil(sigma, max(9, int(np.ceil(8 * sigma * 4 * f_max)) + 1))
    g = sample_points(fs, lo)
    X = g[None, :, None, None] + u[None, None, None, :]
    Y = g[:, None, None, None] + u[None, None, :, None]
    return np.einsum("ijab,a,b->ij", image(X, Y), w, w)


def fft_peak_frequency(samples, fs: float) -> float:
    """The frequency (cycles per unit) of the largest non-constant rfft bin of samples taken at
    f_s per unit over a whole number of units."""
    s = np.asarray(samples, float)
    spec = np.abs(np.fft.rfft(s - s.mean()))
    freqs = np.fft.rfftfreq(len(s), d=1.0 / fs)
    return float(freqs[int(np.argmax(spec))])


def fft_peak_amplitude(samples) -> float:
    """The amplitude of the largest sinusoid in the samples (2 |X_k| / n; 1 for cos itself)."""
    s = np.asarray(samples, float)
    spec = np.abs(np.fft.rfft(s - s.mean()))
    return float(2 * spec.max() / len(s))


def amplitude_at(samples, fs: float, f: float) -> float:
    """The amplitude of frequency f in samples taken at f_s per unit over a whole number of units
    (|X_k| / n at 0 and at Nyquist, 2 |X_k| / n between: 1 for cos(2 pi f x) itself)."""
    s = np.asarray(samples, float)
    n = len(s)
    k = int(round(f * n / fs))
    scale = 1.0 if k == 0 or 2 * k == n else 2.0
    return float(scale * np.abs(np.fft.rfft(s)[k]) / n)


def nyquist_radius(fs: float, K: float) -> float:
    """Where the zone plate's local frequency K r reaches f_s / 2: r = f_s / (2K)."""
    return fs / (2 * K)
