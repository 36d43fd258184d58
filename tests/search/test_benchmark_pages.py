import re
from io import StringIO

from django.core.management import call_command

from catalogue import models

PAGES = ["/en/records/", "/en/records/?kind=speech", "/en/records/?q=", "/en/search/?q="]


def test_benchmark_pages_reports_every_page_and_the_search_api(db):
    call_command("generate_records", count=30, seed=3, stdout=StringIO())
    output = StringIO()

    call_command("benchmark_pages", runs=2, seed=3, stdout=output)

    report = output.getvalue()
    published = models.Record.objects.published().count()
    assert report.startswith(f"30 records ({published} published) on ")
    for page in PAGES:
        line = next(line for line in report.splitlines() if line.startswith(page))
        assert re.search(r"\d+\.\d +\d+\.\d +\d+|not available \(404\)", line), line
    assert re.search(r"search_records\(selective “\w+”\) \.count\(\) +\d+\.\d", report)
