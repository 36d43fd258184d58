"""The load run: wrk against gunicorn's workers, its report read into figures."""

import json
import re

from .server import ascii_path

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk_script(paths: list[str]) -> str:
    """A wrk script that asks for ``paths`` in turn, one after another on every connection."""
    return (
        "local paths = {" + ", ".join(json.dumps(ascii_path(path)) for path in paths) + "}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )


def milliseconds(figure: str) -> float:
    """``850.00us``, ``12.5ms``, ``1.20s`` or ``1.5m`` in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", figure.strip())
    if not found:
        raise ValueError(f"Not a wrk duration: {figure!r}")
    return float(found[1]) * UNITS_MS[found[2]]


def parse_wrk(report: str) -> dict:
    """Requests, requests per second, p50 and p99 (ms) and errors from ``wrk --latency``.

    ``errors`` are responses other than 2xx and 3xx, ``failed`` the requests whose
    connection failed or that wrk stopped waiting for (its ``--timeout``).
    """
    percentiles = {
        int(share): milliseconds(figure)
        for share, figure in re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", report, re.MULTILINE)
    }
    requests = re.search(r"^\s*(\d+) requests in", report, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", report, re.MULTILINE)
    if not (requests and rate and 50 in percentiles and 99 in percentiles):
        raise ValueError("wrk's report has no request count, rate or latency distribution.")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    statuses = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return {
        "requests": int(requests[1]),
        "rate": float(rate[1]),
        "p50": percentiles[50],
        "p99": percentiles[99],
        "errors": int(statuses[1]) if statuses else 0,
        "failed": sum(map(int, sockets.groups())) if sockets else 0,
    }
