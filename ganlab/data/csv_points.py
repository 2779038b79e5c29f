"""Read a user's `drawn` point set from CSV text: x,y rows, validated before anything trains."""

from __future__ import annotations

import csv
import io
import math

from ganlab.config import MAX_DRAWN_POINTS, MIN_DRAWN_POINTS, ConfigError

MAX_CSV_BYTES = 1_000_000


def parse_points_csv(data: bytes | str) -> tuple[tuple[float, float], ...]:
    """Parse x,y rows (an optional header row is skipped); raise ConfigError with the row number."""
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise ConfigError(f"CSV is {len(data):,} bytes; the limit is {MAX_CSV_BYTES:,}")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError("CSV is not UTF-8 text") from None
    rows = [r for r in csv.reader(io.StringIO(data)) if any(c.strip() for c in r)]
    points = []
    for i, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise ConfigError(f"CSV row {i}: expected 2 columns (x,y), found {len(row)}")
        try:
            x, y = float(row[0]), float(row[1])
        except ValueError:
            if i == 1 and not points:
                continue  # a header such as "x,y"
            raise ConfigError(f"CSV row {i}: {','.join(row)[:40]!r} is not two numbers") from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ConfigError(f"CSV row {i}: values must be finite, got {row[0]},{row[1]}")
        points.append((x, y))
    if not MIN_DRAWN_POINTS <= len(points) <= MAX_DRAWN_POINTS:
        raise ConfigError(f"CSV has {len(points)} points; need {MIN_DRAWN_POINTS} to "
                          f"{MAX_DRAWN_POINTS:,}")
    return tuple(points)
