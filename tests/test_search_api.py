from catalogue import models, search
from tests import factories


def test_search_people_finds_cyrillic_name_without_yo(db):
    khrushchev = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    factories.person(name_en="Joseph Stalin", name_ru="Иосиф Сталин")

    found = list(search.search_people(models.Person.objects.all(), "хрущев"))

    assert found == [khrushchev]


def test_highlight_marks_matching_word_and_escapes_the_rest():
    html = search.highlight("<b>Хрущёв</b> spoke", "хрущев")

    assert html == "&lt;b&gt;<mark>Хрущёв</mark>&lt;/b&gt; spoke"
