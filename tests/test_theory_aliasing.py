"""Aliasing: the FFT peak of a sampled sinusoid is at |f - k f_s|, k = round(f / f_s), and a
Gaussian blur before sampling scales it by exp(-2 pi^2 sigma^2 f^2)."""

import numpy as np
import pytest

from ganlab.theory import aliasing as A


@pytest.mark.parametrize("fs", [8, 16, 25])
def test_fft_peak_of_the_samples_is_the_aliased_frequency(fs):
    for f in range(1, 3 * fs):
        if 2 * f % fs == 0:        # at f = k f_s / 2 the samples are constant or alternate only
            continue
        samples = A.sinusoid(f)(A.sample_points(fs))
        assert A.fft_peak_frequency(samples, fs) == A.apparent_frequency(f, fs)
        assert A.apparent_frequency(f, fs) <= A.nyquist(fs)
    assert A.apparent_frequency(3, 16) == 3 and A.apparent_frequency(13, 16) == 3
    assert A.apparent_frequency(20, 16) == 4 and A.apparent_frequency(30, 16) == 2


def test_the_samples_of_f_and_of_its_alias_coincide():
    fs, f = 16, 21
    xs = A.sample_points(fs)
    assert A.sinusoid(f)(xs) == pytest.approx(A.sinusoid(A.apparent_frequency(f, fs))(xs))


def test_blur_before_sampling_scales_each_frequency_by_the_gaussian_gain():
    fs = 16
    sigma = A.BLUR_C / fs
    for f in (3, 10, 13):
        xs = A.sample_points(fs)
        blurred = A.blurred_samples_1d(A.sinusoid(f), xs, sigma)
        assert A.fft_peak_amplitude(blurred) == pytest.approx(A.gaussian_gain(f, sigma), rel=0.01)
    assert A.gaussian_gain(fs / 2, sigma) == pytest.approx(np.exp(-np.pi**2 * A.BLUR_C**2 / 2))
    assert A.gaussian_gain(fs, sigma) < 1e-3


def test_zone_plate_2d_sampling_and_its_nyquist_radius():
    K, fs = 100, 40
    img = A.sample_2d(A.zone_plate(K), fs)
    assert img.shape == (fs, fs) and img.min() >= 0 and img.max() <= 1
    assert img[fs // 2, fs // 2] == pytest.approx(1.0)        # r = 0 at the grid's centre
    assert A.nyquist_radius(fs, K) == 0.2
    blurred = A.blurred_samples_2d(A.zone_plate(K), fs, f_max=K * 0.71)
    # outside the Nyquist radius the blur leaves a nearly flat grey; inside, the rings
    g = A.sample_points(fs, -0.5)
    r = np.hypot(g[None, :], g[:, None])
    assert blurred[r > 0.35].std() < 0.02 and img[r > 0.35].std() > 0.2
    assert blurred[r < 0.1].std() > 0.15
