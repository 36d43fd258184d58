import pytest

from tests import factories


@pytest.fixture
def khrushchev(db):
    return factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")


@pytest.fixture
def stalin(db):
    return factories.person(name_en="Joseph Stalin", name_ru="Иосиф Сталин")
