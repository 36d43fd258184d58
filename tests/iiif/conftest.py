"""The public pages' small catalogue, and a validator of the IIIF Presentation 3 schema."""

import json
from pathlib import Path

import jsonschema
import pytest

from tests.public.conftest import (  # noqa: F401  (fixtures shared with the public pages)
    add_image,
    catalogue,
    loud_templates,
    media_root,
)

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "iiif_3_0.json"
PROFILE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'


@pytest.fixture(scope="session")
def presentation_schema():
    """The IIIF Presentation 3 JSON Schema (draft-07), checked as a schema itself first."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_errors(validator, document: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]
