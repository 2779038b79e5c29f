"""ganlab: explore how Generative Adversarial Networks train.

The core (everything in this package except `ganlab.ui`) is plain PyTorch/NumPy and never imports
Streamlit, so it works from a notebook, the CLI and the tests.
"""

__version__ = "0.1.0"
