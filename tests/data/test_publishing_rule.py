"""The publishing rule and unknown facts: stated as unknown, never guessed."""

import pytest

from catalogue import models, publishing
from tests import factories


@pytest.mark.parametrize(
    ("date_note_en", "date_note_ru", "refused"),
    [
        ("", "", {"TEST-UNDATED": ["date"]}),
        ("   ", "", {"TEST-UNDATED": ["date"]}),
        ("Not dated by the source.", "", {}),
        ("", "Источник не датирует документ.", {}),
    ],
)
def test_an_undated_draft_is_published_only_when_its_note_says_why(
    curator, date_note_en, date_note_ru, refused
):
    draft = factories.record(
        reference_code="TEST-UNDATED",
        status=models.Status.DRAFT,
        date="",
        extent_en="Not given by the sources consulted",
        date_note_en=date_note_en,
        date_note_ru=date_note_ru,
    )

    outcome = publishing.publish([draft], user=curator, partial=True)

    assert outcome.refused == refused
    draft.refresh_from_db()
    assert draft.is_published == (not refused)
