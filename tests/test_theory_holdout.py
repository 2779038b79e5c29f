"""Leave-one-out is k-fold with k = m; a random hold-out's test-set class share is hypergeometric,
a stratified one's is fixed."""

import numpy as np
import pytest
from scipy.stats import hypergeom

from ganlab.theory import holdout as H


def test_leave_one_out_is_kfold_with_k_equal_m():
    m = 12
    loo = H.leave_one_out(m)
    assert len(loo) == m == H.fits_needed(m) and H.fits_needed(m, 5) == 5
    tested = np.concatenate([test for _, test in loo])
    assert sorted(tested) == list(range(m))                   # each item tested exactly once
    for train, test in loo:
        assert len(train) == m - 1 and test[0] not in train
    as_kfold = H.loo_as_kfold(m, np.random.default_rng(0))
    for (a_train, a_test), (b_train, b_test) in zip(loo, as_kfold):
        assert list(a_test) == list(b_test) and list(a_train) == list(b_train)


def test_hypergeometric_pmf_mean_and_variance_match_scipy():
    m, K, t = 40, 12, 10
    k = np.arange(0, t + 1)
    ref = hypergeom(m, K, t)
    assert H.hypergeom_pmf(k, m, K, t) == pytest.approx(ref.pmf(k), rel=1e-10)
    mean, var = H.hypergeom_mean_var(m, K, t)
    assert mean == pytest.approx(ref.mean()) and var == pytest.approx(ref.var())
    assert H.random_share_sd(m, K, t) == pytest.approx(ref.std() / t)
    assert H.hypergeom_pmf([-1, 11, 13], m, K, t).tolist() == [0, 0, 0]


def test_stratified_shares_are_exact_and_random_ones_spread_as_computed():
    labels = H.class_labels(40, 0.3)                           # 12 of class A
    assert labels.sum() == 12
    rng = np.random.default_rng(0)
    strat = H.heldout_shares(labels, 0.25, 300, rng, stratified=True)
    assert np.all(strat == H.stratified_share(labels, 0.25)) and strat[0] == pytest.approx(3 / 10)
    plain = H.heldout_shares(labels, 0.25, 3000, rng, stratified=False)
    t = H.heldout_size(40, 0.25)
    assert plain.std() == pytest.approx(H.random_share_sd(40, 12, t), rel=0.08)
    assert plain.mean() == pytest.approx(0.3, abs=0.01)


def test_a_class_may_not_be_empty():
    with pytest.raises(ValueError):
        H.class_labels(10, 0.01)
