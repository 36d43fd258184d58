"""Reading IIIF answers the way a viewer does."""

import json
from urllib.parse import urlsplit

PROFILE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'


def fetch(client, address: str, status: int = 200) -> dict:
    response = client.get(address)
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"] == PROFILE
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def path(address: str) -> str:
    """The path of an absolute address on the test server."""
    parts = urlsplit(address)
    assert parts.scheme == "http" and parts.netloc == "testserver", address
    return parts.path


def canvases(manifest: dict) -> list[dict]:
    return manifest["items"]


def body(canvas: dict) -> dict:
    (page,) = canvas["items"]
    (annotation,) = page["items"]
    assert annotation["motivation"] == "painting"
    assert annotation["target"] == canvas["id"]
    return annotation["body"]


def metadata(manifest: dict, language: str) -> dict[str, list[str]]:
    """``{label: values}`` of the manifest's metadata in ``language``."""
    return {
        entry["label"][language][0]: entry["value"].get(language) or entry["value"].get("none")
        for entry in manifest["metadata"]
    }


# References to resources described elsewhere, which may repeat an id (as the IIIF validator's
# own uniqueness check reads a document).
REFERENCES = {"target", "structures", "body", "thumbnail", "partOf", "start"}


def repeated_ids(document: dict) -> list[str]:
    """The ids that two resources of ``document`` share."""
    seen, repeated, waiting = set(), [], [document]
    while waiting:
        node = waiting.pop()
        for key, value in node.items():
            if key in REFERENCES:
                continue
            if key == "id":
                if value in seen:
                    repeated.append(value)
                seen.add(value)
            elif isinstance(value, list):
                waiting.extend(item for item in value if isinstance(item, dict))
    return repeated
