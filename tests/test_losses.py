"""Each loss against its formula on hand-worked logits, and against torch references."""

import math

import pytest
import torch
import torch.nn.functional as F

from ganlab.train.losses import LOSSES, gradient_penalty, r1_penalty

sig = torch.sigmoid
R = torch.tensor([2.0, -1.0, 0.5], dtype=torch.float64)   # D's logits on real samples
Fk = torch.tensor([-3.0, 0.0, 1.0], dtype=torch.float64)  # D's logits on fake samples


def test_minimax_d_loss_equals_bce_and_hand_value():
    d = LOSSES["minimax"].d_loss(R, Fk)
    ref = F.binary_cross_entropy_with_logits(R, torch.ones(3, dtype=torch.float64)) + \
        F.binary_cross_entropy_with_logits(Fk, torch.zeros(3, dtype=torch.float64))
    hand = -sum(math.log(1 / (1 + math.exp(-r))) for r in R.tolist()) / 3 - \
        sum(math.log(1 - 1 / (1 + math.exp(-f))) for f in Fk.tolist()) / 3
    assert d.item() == pytest.approx(ref.item(), abs=1e-12)
    assert d.item() == pytest.approx(hand, abs=1e-12)


def test_generator_losses_match_formulas():
    assert LOSSES["minimax"].g_loss(Fk).item() == pytest.approx(
        torch.log(1 - sig(Fk)).mean().item(), abs=1e-12)
    assert LOSSES["nonsaturating"].g_loss(Fk).item() == pytest.approx(
        -torch.log(sig(Fk)).mean().item(), abs=1e-12)
    assert LOSSES["wgan"].g_loss(Fk).item() == pytest.approx(-Fk.mean().item())
    assert LOSSES["lsgan"].g_loss(Fk).item() == pytest.approx(0.5 * ((Fk - 1) ** 2).mean().item())


def test_wgan_hinge_lsgan_d_losses():
    assert LOSSES["wgan"].d_loss(R, Fk).item() == pytest.approx((Fk.mean() - R.mean()).item())
    hinge = (torch.relu(1 - R).mean() + torch.relu(1 + Fk).mean()).item()
    assert LOSSES["hinge"].d_loss(R, Fk).item() == pytest.approx(hinge)
    ls = 0.5 * ((R - 1) ** 2).mean() + 0.5 * (Fk**2).mean()
    assert LOSSES["lsgan"].d_loss(R, Fk).item() == pytest.approx(ls.item())


def test_saturating_gradient_vanishes_nonsaturating_does_not():
    # A confident D (logit -10 on fakes): dL/dlogit = -sigmoid(l) for log(1-D), vs sigmoid(l)-1.
    logit = torch.tensor([-10.0], dtype=torch.float64, requires_grad=True)
    (g_sat,) = torch.autograd.grad(LOSSES["minimax"].g_loss(logit), logit)
    (g_ns,) = torch.autograd.grad(LOSSES["nonsaturating"].g_loss(logit), logit)
    assert g_sat.item() == pytest.approx(-sig(torch.tensor(-10.0, dtype=torch.float64)).item(),
                                         rel=1e-9)
    assert abs(g_sat.item()) < 1e-4 and abs(g_ns.item()) > 0.999


def test_losses_stay_finite_for_extreme_logits():
    big = torch.tensor([1e4, -1e4])
    for loss in LOSSES.values():
        assert torch.isfinite(loss.d_loss(big, -big)) and torch.isfinite(loss.g_loss(big))


def test_equilibrium_values_match_d_equal_half():
    # At the equilibrium D outputs 1/2 (logit 0) for the logit losses; LSGAN outputs 1/2 itself.
    zero = torch.zeros(4)
    assert LOSSES["minimax"].d_loss(zero, zero).item() == pytest.approx(
        LOSSES["minimax"].d_equilibrium)
    assert LOSSES["nonsaturating"].g_loss(zero).item() == pytest.approx(math.log(2))
    half = torch.full((4,), 0.5)
    assert LOSSES["lsgan"].d_loss(half, half).item() == pytest.approx(
        LOSSES["lsgan"].d_equilibrium)
    assert LOSSES["hinge"].d_loss(zero, zero).item() == pytest.approx(
        LOSSES["hinge"].d_equilibrium)


def test_label_smoothing_target():
    d = LOSSES["nonsaturating"].d_loss(R, Fk, 0.9)
    ref = F.binary_cross_entropy_with_logits(R, torch.full((3,), 0.9, dtype=torch.float64)) + \
        F.binary_cross_entropy_with_logits(Fk, torch.zeros(3, dtype=torch.float64))
    assert d.item() == pytest.approx(ref.item(), abs=1e-12)


class Linear1(torch.nn.Module):
    """f(x) = w . x: its input gradient is w everywhere, so the penalties have closed forms."""

    def __init__(self, w):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor(w, dtype=torch.float64))

    def forward(self, x, y=None):
        return x @ self.w


def test_gradient_penalty_closed_form():
    D = Linear1([3.0, 4.0])  # ||grad|| = 5 everywhere -> penalty (5 - 1)^2 = 16
    x = torch.randn(8, 2, dtype=torch.float64)
    gp = gradient_penalty(D, x, x + 1, torch.Generator().manual_seed(0))
    assert gp.item() == pytest.approx(16.0)
    gp.backward()  # the penalty must be differentiable w.r.t. D's weights
    # d/dw (||w|| - 1)^2 = 2 (||w|| - 1) w / ||w||
    assert torch.allclose(D.w.grad, 2 * 4 * torch.tensor([3.0, 4.0], dtype=torch.float64) / 5)


def test_r1_penalty_closed_form():
    D = Linear1([3.0, 4.0])
    assert r1_penalty(D, torch.randn(5, 2, dtype=torch.float64)).item() == pytest.approx(12.5)
