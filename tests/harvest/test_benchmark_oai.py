"""The harvest benchmark follows every token and checks it took every item."""

import io

from django.core.management import call_command

from catalogue import models, publishing

from .conftest import published


def test_benchmark_oai_harvests_every_item(arrangement):
    published(120, arrangement["fonds"])
    publishing.unpublish(models.Record.objects.filter(reference_code="fonds-0003"), user=None)
    output = io.StringIO()

    call_command("benchmark_oai", stdout=output)

    report = output.getvalue()
    assert "122 records (119 published, 1 tombstones)" in report
    assert "Harvested 120 items in 2 batches" in report
