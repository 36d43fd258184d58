import pytest

from catalogue.bench.load import milliseconds, parse_wrk, wrk_script
from catalogue.bench.stats import percentile, summary

WRK_REPORT = """\
Running 30s test @ http://127.0.0.1:8000
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   180.52ms  250.10ms   2.01s    88.12%
    Req/Sec    98.50     30.20   180.00     70.00%
  Latency Distribution
     50%   95.20ms
     75%  180.00ms
     90%  450.33ms
     99%    1.20s
  5890 requests in 30.06s, 90.12MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    195.94
Transfer/sec:      3.00MB
"""


def test_percentile_is_the_nearest_rank():
    timings = [float(n) for n in range(100, 0, -1)]

    assert percentile(timings, 0.5) == 50.0
    assert percentile(timings, 0.95) == 95.0
    assert percentile(timings, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0


def test_summary_gives_the_median_and_the_95th_percentile():
    assert summary([12.0, 10.0, 11.0, 40.0]) == (11.5, 40.0)


def test_percentile_refuses_no_timings_with_a_message():
    with pytest.raises(ValueError, match="No values"):
        percentile([], 0.5)


def test_wrk_durations_become_milliseconds():
    assert [milliseconds(text) for text in ("850.00us", "95.20ms", "1.20s", "1.50m")] == [
        0.85,
        95.2,
        1200.0,
        90_000.0,
    ]


def test_parse_wrk_reads_the_rate_percentiles_and_every_error():
    figures = parse_wrk(WRK_REPORT)

    assert figures == {
        "requests": 5890,
        "rate": 195.94,
        "p50": 95.2,
        "p99": 1200.0,
        "errors": 4,
        "failed": 5,
    }


def test_parse_wrk_counts_no_errors_when_wrk_reports_none():
    clean = "\n".join(line for line in WRK_REPORT.splitlines() if "errors" not in line)

    figures = parse_wrk(clean.replace("Non-2xx or 3xx responses: 4", ""))

    assert (figures["errors"], figures["failed"]) == (0, 0)


def test_parse_wrk_refuses_a_report_without_latencies():
    with pytest.raises(ValueError, match="latency distribution"):
        parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused\n")


def test_wrk_script_asks_for_every_page_in_turn_with_cyrillic_encoded():
    script = wrk_script(["/en/records/", "/en/search/?q=Звесаенко"])

    encoded = "%D0%97%D0%B2%D0%B5%D1%81%D0%B0%D0%B5%D0%BD%D0%BA%D0%BE"
    assert script.startswith(f'local paths = {{"/en/records/", "/en/search/?q={encoded}"}}\n')
    assert script.isascii()
    assert "i = i % #paths + 1" in script
