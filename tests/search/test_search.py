import pytest
from django.db.models import Count

from catalogue import models, search
from tests import factories

KHRUSHCHEV_SPELLINGS = [
    "Хрущёв",
    "хрущев",
    "Хрущёва",
    "Khrushchev",
    "Khrushchov",
    "Khrushchyov",
    "Chruschtschow",
    "Hruščëv",
    "KHRUSHCHEV",
    "nikita khrushchev",
]


@pytest.mark.parametrize("query", KHRUSHCHEV_SPELLINGS)
def test_search_people_finds_khrushchev_in_every_spelling_and_not_stalin(khrushchev, stalin, query):
    found = list(search.search_people(models.Person.objects.all(), query))

    assert found == [khrushchev]


@pytest.mark.parametrize("query", ["Сталин", "Stalin", "сталин", "STALIN"])
def test_search_people_finds_stalin_in_either_script(khrushchev, stalin, query):
    found = list(search.search_people(models.Person.objects.all(), query))

    assert found == [stalin]


def test_search_people_finds_a_latin_only_name_from_a_cyrillic_query(db):
    mikoyan = factories.person(name_en="Anastas Mikoyan")

    found = list(search.search_people(models.Person.objects.all(), "Микоян"))

    assert found == [mikoyan]


def test_search_people_finds_a_name_variant_the_curator_recorded(khrushchev):
    models.PersonName.objects.create(person=khrushchev, name="Kruschev", kind=models.NameKind.OTHER)

    found = list(search.search_people(models.Person.objects.all(), "kruschev"))

    assert found == [khrushchev]


def test_search_records_finds_a_record_by_the_name_of_its_speaker(khrushchev):
    speech = factories.record(title_en="On the cult of personality and its consequences")
    models.RecordPerson.objects.create(
        record=speech, person=khrushchev, role=models.PersonRole.SPEAKER
    )
    factories.record(title_en="Another report")

    found = list(search.search_records(models.Record.objects.published(), "Хрущёв"))

    assert found == [speech]


def test_search_records_finds_a_cyrillic_title_from_a_latin_query(db):
    letter = factories.record(title_en="Letter to the Congress", title_ru="Письмо к съезду")

    found = list(search.search_records(models.Record.objects.all(), "pismo syezdu"))

    assert found == [letter]


def test_search_records_never_finds_a_draft_even_in_counts(db):
    published = factories.record(title_en="Resolution on the cult of personality")
    factories.record(title_en="Draft resolution on the cult", status=models.Status.DRAFT)

    results = search.search_records(models.Record.objects.all(), "resolution cult")

    assert list(results) == [published]
    assert results.count() == 1


def test_search_records_ranks_a_title_match_above_a_description_match(db):
    in_description = factories.record(
        title_en="Minutes of the session", description_en="Mentions the plenum once."
    )
    in_title = factories.record(title_en="The plenum of 27 February")

    ranked = list(
        search.search_records(models.Record.objects.all(), "plenum").order_by("-search_rank")
    )

    assert ranked == [in_title, in_description]
    assert ranked[0].search_rank > ranked[1].search_rank


def test_search_records_composes_with_filters_facets_and_sorting(db):
    speech = factories.record(title_en="Speech on agriculture", kind=models.RecordKind.SPEECH)
    report = factories.record(title_en="Report on agriculture", kind=models.RecordKind.REPORT)
    factories.record(title_en="Report on industry", kind=models.RecordKind.REPORT)

    results = search.search_records(models.Record.objects.published(), "agriculture")
    facets = dict(results.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))

    assert facets == {"speech": 1, "report": 1}
    assert list(results.filter(kind="speech")) == [speech]
    assert list(results.order_by("reference_code")) == sorted(
        [speech, report], key=lambda record: record.reference_code
    )
    assert results.annotate(people_count=Count("people")).count() == 2
    assert sorted(results.values_list("title_en", flat=True)) == [
        "Report on agriculture",
        "Speech on agriculture",
    ]


def test_search_organizations_and_events_find_russian_names_from_latin(db):
    body = factories.organization(name_en="Central Committee", name_ru="Центральный комитет")
    plenum = factories.event(name_en="Plenum", name_ru="Пленум ЦК")

    found_body = list(search.search_organizations(models.Organization.objects.all(), "tsentralny"))
    found_event = list(search.search_events(models.Event.objects.all(), "пленум"))

    assert found_body == [body]
    assert found_event == [plenum]


BAD_QUERIES = [
    "x" * 10_000,
    "Хрущёв " * 2_000,
    "!!! ... ??? ---",
    '"',
    "*",
    "(",
    "NEAR",
    "OR",
    "-",
    ":",
    'Khrushchev" OR title:(secret* NEAR -"speech"',
    "'; DROP TABLE catalogue_record; --",
    "1' OR '1'='1",
    "\x00\t\n",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_search_records_answers_bad_input_without_an_error(khrushchev, query):
    record = factories.record(title_en="Speech by Khrushchev")

    results = search.search_records(models.Record.objects.all(), query)

    assert list(results.order_by("-search_rank")) in ([], [record])
    assert models.Record.objects.count() == 1


@pytest.mark.parametrize("query", ["", "   ", "!!!", '"', "*", "(", "-", ":", "\x00"])
def test_search_records_without_words_finds_nothing(db, query):
    factories.record(title_en="Speech")

    results = search.search_records(models.Record.objects.all(), query)

    assert list(results.order_by("-search_rank")) == []
    assert results.count() == 0


@pytest.mark.parametrize(
    "query", ['"Хрущёв"', "Хрущёв*", "(Хрущёв", "-Хрущёв", "Хрущёв:", "OR Хрущёв"]
)
def test_search_people_reads_syntax_characters_as_plain_text(khrushchev, stalin, query):
    found = list(search.search_people(models.Person.objects.all(), query))

    assert found == [khrushchev]


def test_search_records_with_a_huge_query_still_finds_by_its_first_words(db):
    record = factories.record(title_en="Secret speech")

    found = list(search.search_records(models.Record.objects.all(), "secret speech " * 1000))

    assert found == [record]


def test_highlight_marks_the_cyrillic_word_a_latin_query_matched():
    html = search.highlight("Никита Хрущёв и Сталин", "Khrushchev")

    assert html == "Никита <mark>Хрущёв</mark> и Сталин"


def test_highlight_marks_the_latin_word_a_cyrillic_query_matched():
    html = search.highlight("Speech by Nikita Khrushchev", "Хрущёв")

    assert html == "Speech by Nikita <mark>Khrushchev</mark>"


def test_highlight_marks_matching_word_and_escapes_the_rest():
    html = search.highlight("<b>Хрущёв</b> spoke", "хрущев")

    assert html == "&lt;b&gt;<mark>Хрущёв</mark>&lt;/b&gt; spoke"


def test_highlight_without_query_words_only_escapes():
    assert search.highlight("<i>Сталин</i>", '"*') == "&lt;i&gt;Сталин&lt;/i&gt;"


def test_search_records_counts_people_facets_over_matches_only(khrushchev, stalin):
    speech = factories.record(title_en="Speech on the cult of personality")
    letter = factories.record(title_en="Letter on the cult of personality")
    other = factories.record(title_en="Telegram")
    for record, person in ((speech, khrushchev), (letter, stalin), (other, khrushchev)):
        models.RecordPerson.objects.create(record=record, person=person, role="author")

    results = search.search_records(models.Record.objects.published(), "cult")
    facets = dict(
        results.order_by()
        .values("people__person__slug")
        .annotate(n=Count("pk", distinct=True))
        .values_list("people__person__slug", "n")
    )

    assert facets == {khrushchev.slug: 1, stalin.slug: 1}
    assert list(results.filter(people__person=khrushchev)) == [speech]
