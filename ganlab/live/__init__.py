"""The Snapshot (the immutable record a worker publishes and pages draw) and what builds it
from a Trainer."""
