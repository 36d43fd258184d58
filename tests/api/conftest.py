import pytest

from tests.public.conftest import Catalogue, catalogue, media_root  # noqa: F401 (fixtures)

API = "/api/v1"


@pytest.fixture(autouse=True)
def generous_rate(settings):
    """Paging through a catalogue takes many requests; the limit has its own tests."""
    settings.CATALOGUE_API_RATE = (100_000, 60)


def follow(client, url: str, **params) -> list[dict]:
    """Every result of a listing, following ``next`` to the end."""
    response = client.get(url, params)
    results = []
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        if body["next"] is None:
            return results
        response = client.get(body["next"])
