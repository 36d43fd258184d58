import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import env_rate
from tests import factories

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


def _pages(client, url: str, address: str) -> tuple[list[int], list[dict]]:
    """Follow ``next`` from ``url`` as a client would: the statuses met and the results got."""
    statuses, results = [], []
    while url:
        response = client.get(url, REMOTE_ADDR=address)
        statuses.append(response.status_code)
        if response.status_code != 200:
            break
        results += response.json()["results"]
        url = response.json()["next"]
    return statuses, results


def test_api_client_following_next_at_the_default_length_ends_within_the_rate(client, db, settings):
    collection = factories.collection(slug="fonds")
    for n in range(250):
        factories.record(collection=collection, reference_code=f"FONDS-{n:04d}")
    factories.record(collection=collection, reference_code="DRAFT-1", status="draft")
    for _n in range(150):
        factories.person()
    settings.CATALOGUE_API_RATE = (3, 60)

    records = _pages(client, f"{API}/records/", "192.0.2.21")
    people = _pages(client, f"{API}/people/", "192.0.2.22")

    assert records[0] == [200, 200, 200]
    codes = [record["reference_code"] for record in records[1]]
    assert len(codes) == len(set(codes)) == 250
    assert "DRAFT-1" not in codes
    assert people[0] == [200, 200]
    assert len({person["url"] for person in people[1]}) == 150
