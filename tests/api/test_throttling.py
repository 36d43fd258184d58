import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import env_rate

from .conftest import API


def test_api_refuses_an_address_over_the_rate_with_429_and_retry_after(client, db, settings):
    settings.CATALOGUE_API_RATE = (2, 60)

    answers = [client.get(f"{API}/subjects/", REMOTE_ADDR="192.0.2.7") for _n in range(3)]
    other = client.get(f"{API}/subjects/", REMOTE_ADDR="192.0.2.8")

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": "Too many requests."}
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("raw", "rate"),
    [("120/minute", (120, 60)), ("5/second", (5, 1)), ("1000/hours", (1000, 3600))],
)
def test_api_rate_setting_reads_requests_per_period(monkeypatch, raw, rate):
    monkeypatch.setenv("CATALOGUE_API_RATE", raw)

    assert env_rate("CATALOGUE_API_RATE", "120/minute") == rate


@pytest.mark.parametrize("raw", ["fast", "0/minute", "120/fortnight", "-5/second", "1e3/day"])
def test_api_rate_setting_refuses_a_malformed_value(monkeypatch, raw):
    monkeypatch.setenv("CATALOGUE_API_RATE", raw)

    with pytest.raises(ImproperlyConfigured, match="CATALOGUE_API_RATE"):
        env_rate("CATALOGUE_API_RATE", "120/minute")
