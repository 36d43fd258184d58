from catalogue import models
from tests import factories


def test_record_date_bounds_follow_the_edtf_string(db):
    record = factories.record(date="1956-02")

    record.refresh_from_db()

    assert (str(record.date_earliest), str(record.date_latest)) == ("1956-02-01", "1956-02-29")


def test_folded_lookup_ignores_case_and_yo(db):
    factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")

    found = models.Person.objects.filter(name_ru__folded="хрущев").count()

    assert found == 1
