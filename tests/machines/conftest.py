"""The public pages' small catalogue (with its planted draft), read here by machines."""

import pytest

from catalogue import models
from tests.public.conftest import catalogue, media_root  # noqa: F401 (fixtures)

DRAFT = "C20-DRAFT"


@pytest.fixture
def planted_draft(catalogue):  # noqa: F811 (the fixture imported above)
    """The catalogue, after making sure its draft exists and would show if drafts leaked."""
    draft = models.Record.objects.get(reference_code=DRAFT)
    assert draft.status == models.Status.DRAFT
    assert draft.collection == catalogue.series
    assert draft.subjects.filter(slug="cult-of-personality").exists()
    return catalogue
