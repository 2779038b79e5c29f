"""Read a user's `drawn` point set from CSV text: x,y rows, validated before anything trains."""

from __future__ import annotations

import csv
import io
import math

from ganlab.config import MAX_DRAWN_POINTS, MIN_DRAWN_POINTS, ConfigError

MAX_CSV_BYTES = 1_000_000
# Coordinates beyond this are a typo or an attack: 1e300 is finite, but its square (in the
# loss, the data's std) is inf, and the run would fail later as "lower the learning rates".
MAX_ABS_COORD = 1e6


def parse_points_csv(data: bytes | str) -> tuple[tuple[float, float], ...]:
    """Parse x,y rows (an optional header row is skipped); raise ConfigError with the row number."""
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise ConfigError(f"CSV is {len(data):,} bytes; the limit is {MAX_CSV_BYTES:,}")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError("CSV is not UTF-8 text") from None
    try:   # csv refuses a field over 128 kB with csv.Error: one line, not a traceback
        rows = [r for r in csv.reader(io.StringIO(data)) if any(c.strip() for c in r)]
    except csv.Error as e:
        raise ConfigError(f"CSV cannot be read: {str(e)[:80]}") from None
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
            raise ConfigError(f"CSV row {i}: values must be finite, got {row[0][:20]},"
                              f"{row[1][:20]}")
        if max(abs(x), abs(y)) > MAX_ABS_COORD:
            raise ConfigError(f"CSV row {i}: {row[0][:20]},{row[1][:20]} is too large; "
                              f"coordinates must be within ±{MAX_ABS_COORD:g}")
        points.append((x, y))
    if not MIN_DRAWN_POINTS <= len(points) <= MAX_DRAWN_POINTS:
        raise ConfigError(f"CSV has {len(points)} points; need {MIN_DRAWN_POINTS} to "
                          f"{MAX_DRAWN_POINTS:,}")
    return tuple(points)
