from .conftest import API


def test_api_refuses_an_address_over_the_rate_with_429_and_retry_after(client, db, settings):
    settings.CATALOGUE_API_RATE = (2, 60)

    answers = [client.get(f"{API}/subjects/", REMOTE_ADDR="192.0.2.7") for _n in range(3)]
    other = client.get(f"{API}/subjects/", REMOTE_ADDR="192.0.2.8")

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": "Too many requests."}
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert other.status_code == 200
