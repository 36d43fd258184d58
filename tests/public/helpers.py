"""Reading public pages the way a visitor does."""

import re

from .conftest import MISSING


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == status, body[:2000]
    assert MISSING not in body, re.findall(MISSING + r"\[[^\]]*\]", body)
    return body


def result_titles(body: str) -> list[str]:
    """The record titles listed in the results column, in order."""
    results = body.split('class="results"', 1)[1]
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r"<h3><a href=\"/\w\w/records/[^\"]+\">(.*?)</a></h3>", results)
    ]


def facet_counts(body: str, facet: str) -> dict[str, int]:
    section = body.split(f'id="facet-{facet}"', 1)
    if len(section) < 2:
        return {}
    block = section[1].split("</section>", 1)[0]
    return {
        label: int(count)
        for label, count in re.findall(r'>([^<>]+)</a> <span class="count">\((\d+)\)', block)
    }
