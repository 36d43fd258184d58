"""The real collection as the fixtures load it, checked against the reference data."""

from collections import Counter

from catalogue import models
from catalogue.search import search_people
from tests import factories

FIRST_SECRETARY = "First Secretary of the CC"
PRESIDIUM = "Presidium full member elected by the plenum of 27 Feb 1956"
INFERRED = (
    "Presidium member or candidate at some point in 1956-1961; Presidium seats went to full CC "
    "members; status in Feb 1956 not stated directly"
)

# central_committee_20.csv: name_en, name_ru, birth year, death year, certainty, basis, sources
CENTRAL_COMMITTEE = [
    (
        "Nikita Khrushchev",
        "Никита Хрущёв",
        "1894",
        "1971",
        "stated",
        FIRST_SECRETARY,
        {"WP-PRES20", "MARXDIC"},
    ),
    (
        "Nikolai Bulganin",
        "Николай Булганин",
        "1895",
        "1975",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Kliment Voroshilov",
        "Климент Ворошилов",
        "1881",
        "1969",
        "stated",
        PRESIDIUM,
        {"BIB-34", "TIME57", "CHINAPEDIA"},
    ),
    (
        "Lazar Kaganovich",
        "Лазарь Каганович",
        "1893",
        "1991",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Alexei Kirichenko",
        "Алексей Кириченко",
        "1908",
        "1975",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Georgy Malenkov",
        "Георгий Маленков",
        "1902",
        "1988",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Anastas Mikoyan",
        "Анастас Микоян",
        "1895",
        "1978",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20", "TIME57"},
    ),
    (
        "Vyacheslav Molotov",
        "Вячеслав Молотов",
        "1890",
        "1986",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Mikhail Pervukhin",
        "Михаил Первухин",
        "1904",
        "1978",
        "stated",
        PRESIDIUM,
        {"BIB-34", "WP-PRES20"},
    ),
    (
        "Mikhail Suslov",
        "Михаил Суслов",
        "1902",
        "1982",
        "stated",
        "source: CC member from 1941",
        {"VV-SUSLOV", "TIME57"},
    ),
    (
        "Averky Aristov",
        "Аверкий Аристов",
        "1903",
        "1973",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    (
        "Nikolai Belyayev",
        "Николай Беляев",
        "1903",
        "1966",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    (
        "Leonid Brezhnev",
        "Леонид Брежнев",
        "1906",
        "1982",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    (
        "Yekaterina Furtseva",
        "Екатерина Фурцева",
        "1910",
        "1974",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    (
        "Nikolai Ignatov",
        "Николай Игнатов",
        "1901",
        "1966",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    ("Alexei Kosygin", "Алексей Косыгин", "1904", "1980", "inferred", INFERRED, {"WP-PRES20"}),
    ("Frol Kozlov", "Фрол Козлов", "1908", "1965", "inferred", INFERRED, {"WP-PRES20", "TIME57"}),
    (
        "Otto Kuusinen",
        "Отто Куусинен",
        "1881",
        "1964",
        "inferred",
        INFERRED,
        {"WP-PRES20", "TIME57"},
    ),
    (
        "Nuritdin Mukhitdinov",
        "Нуритдин Мухитдинов",
        "1917",
        "2008",
        "inferred",
        INFERRED,
        {"WP-PRES20"},
    ),
    ("Nikolai Podgorny", "Николай Подгорный", "1903", "1983", "inferred", INFERRED, {"WP-PRES20"}),
    (
        "Dmitry Polyansky",
        "Дмитрий Полянский",
        "1917",
        "2001",
        "stated",
        "source: became a CC member in 1956",
        {"MEMIM-POLYANSKY", "SAPERE-POLYANSKY", "WP-PRES20"},
    ),
    (
        "Georgy Zhukov",
        "Георгий Жуков",
        "1896",
        "1974",
        "stated",
        "source: CC member 1953-1957",
        {"REVHU-ZHUKOV", "PROLEWIKI-ZHUKOV", "TIME57"},
    ),
    (
        "Nikolai Shvernik",
        "Николай Шверник",
        "1888",
        "1970",
        "inferred",
        INFERRED,
        {"WP-SHVERNIK", "TIME57"},
    ),
    (
        "Andrei Kirilenko",
        "Андрей Кириленко",
        "1906",
        "1990",
        "stated",
        "source: elected to the CC at the 20th, 22nd and 24th congresses",
        {"VOJDI-KIRILENKO", "MELAK-26POL"},
    ),
    (
        "Gennady Voronov",
        "Геннадий Воронов",
        "1910",
        "",
        "stated",
        "source: CC member 1952-1976",
        {"VV-VORONOV"},
    ),
]


def test_fixtures_load_the_whole_collection(catalogue_loaded):
    counts = {
        "records": models.Record.objects.count(),
        "people": models.Person.objects.count(),
        "sources": models.Source.objects.count(),
        "events": models.Event.objects.count(),
        "organizations": models.Organization.objects.count(),
        "claims": models.Claim.objects.count(),
        "copies": models.Copy.objects.count(),
    }

    assert counts == {
        "records": 23,
        "people": 44,
        "sources": 64,
        "events": 11,
        "organizations": 12,
        "claims": 25,
        "copies": 2,
    }


def test_central_committee_declares_its_seats_beside_the_catalogued_members(catalogue_loaded):
    seats = {
        (s.organization.slug, s.role): (s.count, s.source.key)
        for s in models.OrganizationSeats.objects.select_related("organization", "source")
    }
    catalogued = Counter(
        models.Membership.objects.filter(organization__slug="cc-20").values_list("role", flat=True)
    )

    assert seats == {
        ("cc-20", "member"): (133, "WP-20C"),
        ("cc-20", "candidate"): (122, "WP-20C"),
        ("cac-20", "member"): (63, "MARXDIC"),
    }
    assert catalogued == {"member": 25, "first_secretary": 1}


def test_central_committee_memberships_match_the_reference_list(catalogue_loaded):
    memberships = (
        models.Membership.objects.filter(organization__slug="cc-20", role="member")
        .select_related("person", "elected_by")
        .prefetch_related("sources")
    )
    loaded = {
        m.person.name_en: (
            m.person.name_ru,
            m.person.birth_date[:4],
            m.person.death_date[:4],
            m.certainty,
            m.basis_en,
            {source.key for source in m.sources.all()},
            m.elected_by.slug,
            m.start,
        )
        for m in memberships
    }

    expected = {
        name: (name_ru, born, died, certainty, basis, sources, "congress-20", "")
        for name, name_ru, born, died, certainty, basis, sources in CENTRAL_COMMITTEE
    }
    assert loaded == expected


def test_presidium_elected_on_27_february_1956_is_stated_by_its_source(catalogue_loaded):
    elected = models.Membership.objects.filter(
        organization__slug="cc-20-presidium", elected_by__slug="plenum-1956-02-27"
    )

    assert sorted(elected.values_list("person__name_en", "start", "certainty")) == [
        (name, "1956-02-27", "stated")
        for name in [
            "Alexei Kirichenko",
            "Anastas Mikoyan",
            "Georgy Malenkov",
            "Kliment Voroshilov",
            "Lazar Kaganovich",
            "Mikhail Pervukhin",
            "Nikolai Bulganin",
            "Vyacheslav Molotov",
        ]
    ]
    assert set(elected.values_list("sources__key", flat=True)) == {"BIB-34"}


def test_people_carry_the_dates_and_identifiers_of_the_reference_data(catalogue_loaded):
    people = {
        p.slug: (p.birth_date, p.death_date, p.wikidata_id)
        for p in models.Person.objects.filter(
            slug__in=[
                "khrushchev",
                "stalin",
                "gottwald",
                "bierut",
                "kirov",
                "hoxha",
                "applebaum",
                "lenin",
                "voronov",
            ]
        )
    }

    assert people == {
        "khrushchev": ("1894-04-15", "1971-09-11", "Q35314"),
        "stalin": ("1878-12-18", "1953-03-05", "Q855"),
        "gottwald": ("1896-11-23", "1953-03-14", ""),
        "bierut": ("1892-04-18", "1956-03-12", ""),
        "kirov": ("1886-03-27", "1934-12-01", ""),
        "hoxha": ("1908-10-16", "1985-04-11", ""),
        "applebaum": ("1964-07-25", "", ""),
        "lenin": ("", "1924-01-21", "Q1394"),
        "voronov": ("1910", "", ""),
    }


def test_old_style_dates_are_noted_beside_the_birth_date(catalogue_loaded):
    notes = dict(
        models.Person.objects.filter(slug__in=["khrushchev", "stalin", "kirov"]).values_list(
            "slug", "birth_date_note_en"
        )
    )

    assert notes == {
        "khrushchev": "O.S. 3 April 1894; some older sources give 17 April 1894",
        "stalin": "O.S. 6 December 1878",
        "kirov": "O.S. 15 March 1886",
    }


def test_khrushchev_is_found_by_every_spelling_and_script(catalogue_loaded):
    spellings = [
        "Хрущёв",
        "хрущев",
        "Khrushchev",
        "Khrushchov",
        "Chruschtschow",
        "Chruščëv",
        "Khruschev",
        "Khrusjtjov",
    ]

    # Others whose biographies mention him may follow; he must come first for every form.
    best = {
        spelling: search_people(models.Person.objects.all(), spelling)
        .order_by("-search_rank", "slug")
        .values_list("slug", flat=True)
        .first()
        for spelling in spellings
    }

    assert best == {spelling: "khrushchev" for spelling in spellings}


def test_source_conflicts_are_recorded_as_claims_with_both_sources(catalogue_loaded):
    def claims(**about):
        return sorted(
            models.Claim.objects.filter(**about).values_list("topic_en", "source__key", "preferred")
        )

    assert claims(event__slug="congress-20", topic_en="venue") == [
        ("venue", "FRUS-24", True),
        ("venue", "IUDIN", True),
        ("venue", "MARXDIC", False),
    ]
    assert claims(record__reference_code="CPSU20-CON-001") == [
        ("date", "BRIT", False),
        ("date", "FRUS-24", False),
    ]
    assert claims(organization__slug="pospelov-commission") == [
        ("date formed", "OBORUDOW", False),
        ("date formed", "PIGLIX", False),
    ]
    assert claims(person__slug="khrushchev") == [
        ("birth date", "COMPILERS-NOTE", False),
        ("birth date", "SPOCWIKI", True),
        ("date of election as First Secretary", "COMPILERS-NOTE", False),
        ("date of election as First Secretary", "RGANI-1953", True),
    ]
    assert {key for _, key, _ in claims(event__slug="congress-20-closed-session")} == {
        "LIQUI-SECRET",
        "IUDIN",
        "WP-20C",
        "TF-1956",
        "FRUS-9",
    }


def test_resolution_of_30_june_shows_both_attributions_of_its_issuer(catalogue_loaded):
    resolution = models.Record.objects.get(reference_code="CPSU20-CC-001")
    issuers = {
        link.organization.slug: (link.certainty, link.source.key)
        for link in resolution.organizations.select_related("organization", "source")
    }
    preferred = resolution.claims.filter(topic_en="issuing body", preferred=True)

    assert resolution.title_ru == "О преодолении культа личности и его последствий"
    assert issuers == {"cc-20": ("stated", "NV-UA"), "cc-20-presidium": ("stated", "WP-20C")}
    assert sorted(preferred.values_list("source__key", flat=True)) == ["NV-UA", "UA-BLOG"]
    assert (
        "no other source"
        in resolution.organizations.get(organization__slug="cc-20-presidium").note_en
    )


def test_unverified_facts_are_not_presented_as_sourced(catalogue_loaded):
    letter = models.Record.objects.get(reference_code="CPSU20-TST-001")
    soviet_1989 = models.Record.objects.get(reference_code="CPSU20-REP-009")

    assert (letter.title_ru, letter.original_title) == ("", "")
    assert "unverified" in letter.description_en
    assert soviet_1989.date == "1989"
    assert "No. 3" not in soviet_1989.description_en
    assert "unverified" in soviet_1989.date_note_en


def test_testament_copies_leave_unknown_holder_and_mark_empty(catalogue_loaded):
    copy = models.Copy.objects.get(record__reference_code="CPSU20-TST-001")

    assert (copy.holder_en or "", copy.identifier) == ("", "")
    assert "delegates of the 20th Congress" in copy.provenance_en
    assert list(copy.sources.values_list("key", flat=True)) == ["WP-20C"]


def test_report_versions_and_publications_point_at_the_speech(catalogue_loaded):
    relations = models.RecordRelation.objects.filter(object__reference_code="CPSU20-REP-001")

    assert sorted(relations.values_list("subject__reference_code", "subject__date", "type")) == [
        ("CPSU20-CC-001", "1956-06-30", "responds_to"),
        ("CPSU20-CON-002", "", "responds_to"),
        ("CPSU20-REP-002", "1956-03-01", "version_of"),
        ("CPSU20-REP-003", "1956-03-05", "refers_to"),
        ("CPSU20-REP-004", "1956-03", "translation_of"),
        ("CPSU20-REP-005", "1956-06-04", "translation_of"),
        ("CPSU20-REP-006", "1956-06-05", "translation_of"),
        ("CPSU20-REP-007", "", "translation_of"),
        ("CPSU20-REP-008", "1959", "version_of"),
        ("CPSU20-REP-009", "1989", "version_of"),
        ("CPSU20-REP-011", "1956-03", "refers_to"),
        ("CPSU20-REP-012", "1956-03-16", "refers_to"),
        ("CPSU20-REP-013", "1956-03-17", "refers_to"),
    ]


def test_speech_names_its_speaker_subject_and_people_mentioned(catalogue_loaded):
    speech = models.Record.objects.get(reference_code="CPSU20-REP-001")

    assert sorted(speech.people.values_list("role", "person__slug")) == [
        ("mentioned", "kirov"),
        ("mentioned", "lenin"),
        ("other", "bulganin"),
        ("other", "grajewski"),
        ("speaker", "khrushchev"),
        ("subject", "stalin"),
    ]
    assert (speech.title_ru, speech.original_language.code) == (
        "О культе личности и его последствиях",
        "ru",
    )


def test_every_record_is_published_with_a_time(catalogue_loaded):
    unpublished = models.Record.objects.exclude(status="published").count()
    without_time = models.Record.objects.filter(published_at__isnull=True).count()

    assert (unpublished, without_time) == (0, 0)


def test_curator_can_add_a_person_after_the_load(catalogue_loaded):
    added = factories.person(slug="new-curator-entry", name_en="New entry")

    assert models.Person.objects.filter(slug="new-curator-entry").get() == added
    assert models.Person.objects.count() == 45
