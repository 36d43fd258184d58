import io

import pytest

from catalogue import transfer
from tests import factories


@pytest.fixture
def media(db, settings, tmp_path):
    """Public and private media roots of the test's own (``media/`` and ``private/`` under the
    path returned), so that any file left behind is seen."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT.mkdir()
    return tmp_path


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def plan(text: str | bytes, filename: str = "records.csv", **options) -> transfer.ImportPlan:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return transfer.plan_import(io.BytesIO(data), filename, **options)


@pytest.fixture
def vocabulary(db):
    """The things records refer to: a collection, languages, subjects, a source, people."""
    return {
        "collection": factories.collection(slug="congress"),
        "ru": factories_language("ru", "Russian"),
        "en": factories_language("en", "English"),
        "cult": factories.subject(slug="cult-of-personality"),
        "source": factories.source(key="SEED"),
        "khrushchev": factories.person(slug="khrushchev", name_en="Nikita Khrushchev"),
        "stalin": factories.person(slug="stalin", name_en="Joseph Stalin"),
    }


def factories_language(code: str, name: str):
    from catalogue.models import Language

    return Language.objects.create(code=code, name_en=name)
