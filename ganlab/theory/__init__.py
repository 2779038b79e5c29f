"""The mathematics behind the Learn pages, as plain NumPy / SciPy / PyTorch.

One small module per topic; every function carries its formula in the docstring and is tested
against a closed form or a hand-worked value (tests/test_theory_*.py). Nothing here imports
Streamlit, so all of it runs in a notebook, the CLI and the tests.

- `densities`   1D Gaussian mixtures (pdf, log-pdf, moments, sampling, integration grids)
- `sampling`    simple random / systematic / stratified / cluster sampling; hold-out, k-fold,
                bootstrap and the 1/e share of items a bootstrap never draws
- `information` entropy, cross-entropy, KL, JS, Wasserstein-1; two densities sliding apart
- `entropy`     why -log: surprise, the Bernoulli entropy, log K, additivity, nats vs bits
- `generative`  generative p(x, y) (Gaussian classes) vs discriminative p(y | x) (logistic)
- `inverse_cdf` u -> Phi^{-1}(u): uniform noise mapped to N(0, 1), checked by KS and DKW
- `transport`   W1 as a matching: sorted in 1D, the optimal assignment in 2D
- `mle`         fitting one Gaussian to a two-mode target by forward and by reverse KL
- `gan_game`    the optimal discriminator, V(G, D*) = -log 4 + 2 JS, saturating vs
                non-saturating generator losses and their gradients
- `wgan1d`      a 1D critic with weight clipping or gradient penalty, its slope and W1 estimate
- `cyclegan2d`  CycleGAN between two 2D toy domains, with a cycle-consistency weight lambda
- `evaluation`  the Inception Score on a matrix of class probabilities, and mode coverage
- `nash`        zero-sum games: saddle points, the 2 x 2 mixed equilibrium, any m x n by LP
- `sparing`     one G step against the D* of the G before it: why G is updated sparingly
- `holdout`     leave-one-out, and a random hold-out's hypergeometric class share
- `aliasing`    sampling an image: |f - k f_s|, the zone plate, blur before sampling
- `histogram_js` the plug-in JS on b^d cells vs a classifier's bound, against d
"""
