"""Diagnostics: distribution-quality metrics and training-failure alarms (plain NumPy/SciPy).

- ``compute_due(step, probe_factory)`` runs the registered ``DIAGNOSTICS`` due at ``step`` on a
  ``Probe`` and returns ``{snake_case_metric: float}`` for metrics.jsonl and the Snapshot.
- ``check_all(history)`` / ``AlarmMonitor`` turn metric streams into ``Alarm`` s.
"""

from .coverage import mode_coverage
from .detectors import DETECTORS, Alarm, AlarmMonitor, Detector, check_all
from .divergence1d import divergences_1d
from .divergence2d import binned_divergences, mmd_rbf, w1_exact
from .diversity import sample_diversity
from .probe import PROBE_SIZE, Probe
from .registry import (
                       DIAGNOSTICS,
                       MODE_SHARE_METRICS,
                       Diagnostic,
                       compute_due,
                       doc_key,
                       mode_share_index,
)
from .streams import history_from_rows
from .value import V_OPT, d_accuracy, minimax_value

__all__ = [
    "DETECTORS", "DIAGNOSTICS", "MODE_SHARE_METRICS", "PROBE_SIZE", "V_OPT", "Alarm",
    "AlarmMonitor", "Detector", "Diagnostic", "Probe", "binned_divergences", "check_all",
    "compute_due", "d_accuracy", "divergences_1d", "doc_key", "history_from_rows",
    "minimax_value", "mmd_rbf", "mode_coverage", "mode_share_index", "sample_diversity",
    "w1_exact",
]
