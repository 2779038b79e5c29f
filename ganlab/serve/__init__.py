"""Serving many runs: the job manager, the job record, the worker protocol and process,
limits and settings."""
