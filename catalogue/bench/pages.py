"""The pages every benchmark times, chosen from the synthetic collection in the database."""

from django.db import transaction

from .. import models, synthetic

PAGE_SIZE = 20


def pick_words(seed: int) -> dict[str, str]:
    """Search words of known frequency in the collection ``generate_records`` made."""
    russian, english = synthetic.vocabulary(seed)
    person = models.Person.objects.order_by("pk").first()

    def long_word(vocabulary: list[str], rank: int) -> str:
        return next(word for word in vocabulary[rank:] if len(word) >= 6)

    words = {
        "selective": long_word(english, 2000),
        "broad": long_word(english, 10),
        "commonest": english[0],
        "russian": long_word(russian, 10),
    }
    if person and person.name_ru:
        words["person"] = person.name_ru.split()[-1]
    return words


def page_urls(words: dict[str, str], page_size: int = PAGE_SIZE) -> dict[str, str]:
    """The public pages to time, by what they show: lists, searches, a deep page, a record."""
    published = models.Record.objects.published()
    total = published.count()
    reference = (
        published.order_by("reference_code")
        .values_list("reference_code", flat=True)[total // 2 : total // 2 + 1]
        .first()
    )
    deep_page = max(2, total // page_size // 2)
    return {
        "list": "/en/records/",
        "filtered list": "/en/records/?kind=speech&date_from=1956&date_to=1957&sort=-date",
        "selective search": f"/en/records/?q={words['selective']}",
        "broad search": f"/en/records/?q={words['broad']}",
        "deep page": f"/en/records/?page={deep_page}",
        "record": f"/en/records/{reference}/",
        "global search": f"/en/search/?q={words.get('person', words['broad'])}",
    }


def write_one_record() -> None:
    """Save one published record as the admin's change form does: what makes the next page
    cold (the cached facet counts are keyed on the records' latest change)."""
    record = models.Record.objects.published().order_by("pk").first()
    with transaction.atomic():
        record.save()
