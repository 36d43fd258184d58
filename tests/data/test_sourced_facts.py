"""Facts the reference data gives, each present with its source, and how the pages show them."""

import datetime

from catalogue import models


def memberships(**filters) -> list[tuple]:
    rows = models.Membership.objects.filter(**filters).prefetch_related("sources")
    return sorted(
        (m.person.slug, m.role, m.start, m.end, m.certainty, sorted(s.key for s in m.sources.all()))
        for m in rows.select_related("person")
    )


def test_shvernik_died_on_24_december_1970(catalogue_loaded):
    shvernik = models.Person.objects.get(slug="shvernik")

    assert (shvernik.death_date, shvernik.death_earliest) == (
        "1970-12-24",
        datetime.date(1970, 12, 24),
    )
    assert "WP-SHVERNIK" in set(shvernik.sources.values_list("key", flat=True))


def test_presidium_candidates_and_shverniks_full_membership_carry_source_and_certainty(
    catalogue_loaded,
):
    presidium = memberships(organization__slug="cc-20-presidium", role="candidate")

    assert presidium == [
        ("brezhnev", "candidate", "", "", "stated", ["TIME57"]),
        ("furtseva", "candidate", "", "", "stated", ["TIME57"]),
        ("kozlov", "candidate", "", "", "stated", ["TIME57"]),
        ("shvernik", "candidate", "", "1957-06-29", "stated", ["WP-SHVERNIK"]),
        ("zhukov", "candidate", "", "", "stated", ["BRITKIDS-ZHUKOV", "TIME57"]),
    ]
    assert memberships(
        person__slug="shvernik", organization__slug="cc-20-presidium", role="member"
    ) == [("shvernik", "member", "1957", "1966", "stated", ["WP-SHVERNIK"])]


def test_time57_supports_the_claim_that_zhukov_was_an_alternate(catalogue_loaded):
    claims = models.Claim.objects.filter(person__slug="zhukov").values_list(
        "source__key", "statement_en"
    )

    assert sorted(key for key, _ in claims) == ["BRITKIDS-ZHUKOV", "REVHU-ZHUKOV", "TIME57"]
    assert "candidate (alternate)" in dict(claims)["TIME57"]


def test_khrushchevs_election_as_first_secretary_keeps_the_other_date_as_a_conflict(
    catalogue_loaded,
):
    assert memberships(person__slug="khrushchev", organization__slug="cc-cpsu") == [
        ("khrushchev", "first_secretary", "1953-09-07", "", "stated", ["RGANI-1953"])
    ]
    claims = models.Claim.objects.filter(
        person__slug="khrushchev", topic_en="date of election as First Secretary"
    ).order_by("-preferred")
    assert [(c.statement_en, c.source.key, c.preferred) for c in claims] == [
        ("Elected First Secretary of the CC CPSU on 7 September 1953.", "RGANI-1953", True),
        ("The post was created on 3 September 1953.", "COMPILERS-NOTE", False),
    ]


def test_congress_agenda_items_two_and_three_name_their_speakers(catalogue_loaded):
    speakers = models.RecordPerson.objects.filter(
        record__reference_code__in=["CPSU20-CON-005", "CPSU20-CON-006"]
    ).values_list("record__reference_code", "person__name_en", "role", "source__key")

    assert sorted(speakers) == [
        ("CPSU20-CON-005", "P. G. Moskatov", "speaker", "BIB-34"),
        ("CPSU20-CON-006", "Nikolai Bulganin", "speaker", "BIB-34"),
    ]
    assert (
        "chaired the closed session"
        in models.Person.objects.get(slug="bulganin").biography_en.lower()
    )


def test_first_western_reports_are_records_with_their_dates_and_sources(catalogue_loaded):
    reports = models.Record.objects.filter(
        reference_code__in=["CPSU20-REP-011", "CPSU20-REP-012", "CPSU20-REP-013"]
    ).prefetch_related("sources")

    assert [(r.date, [s.key for s in r.sources.all()]) for r in reports] == [
        ("1956-03", ["LIQUI-SECRET"]),
        ("1956-03-16", ["TF-1956"]),
        ("1956-03-17", ["CAM-GUARDIAN"]),
    ]
    assert models.Person.objects.filter(slug__in=["rettie", "weiland", "grajewski"]).count() == 3


def test_lenins_letter_names_the_people_and_events_around_it(catalogue_loaded):
    letter = models.Record.objects.get(reference_code="CPSU20-TST-001")

    assert {"volodicheva", "krupskaya", "fotiyeva"} <= set(
        letter.people.values_list("person__slug", flat=True)
    )
    assert sorted(letter.events.values_list("slug", "date")) == [
        ("congress-13", "1924-05"),
        ("plenum-1924-05-21", "1924-05-21"),
    ]


def test_wilson_center_copy_gives_the_identifier_its_source_gives(catalogue_loaded):
    copy = models.Copy.objects.get(key="wilson-center-115995")

    assert (copy.record.reference_code, copy.identifier) == ("CPSU20-REP-007", "115995")
    assert list(copy.sources.values_list("key", flat=True)) == ["MIZUGADRO"]


def test_what_went_beyond_the_sources_is_gone(catalogue_loaded):
    records = {r.reference_code: r for r in models.Record.objects.prefetch_related("languages")}
    six_hours = models.Claim.objects.get(slug="closed-session-time-tf")

    assert [
        code for code in ("CPSU20-REP-005", "CPSU20-REP-008") if records[code].languages.all()
    ] == []
    assert (
        records["CPSU20-CON-002"].date,
        "inference" in records["CPSU20-CON-002"].date_note_en,
    ) == (
        "",
        True,
    )
    assert "Polish United Workers" not in records["CPSU20-REP-004"].description_en
    assert "the speech lasted" not in six_hours.statement_en
