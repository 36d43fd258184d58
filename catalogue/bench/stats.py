"""The figures a benchmark reports: medians and percentiles of timings, in milliseconds."""

import math
import statistics


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least ``share`` of them reach."""
    if not values:
        raise ValueError("No values to take a percentile of.")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(values: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile."""
    return statistics.median(values), percentile(values, 0.95)
