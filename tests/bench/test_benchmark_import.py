import re
from io import StringIO

from django.core.management import call_command

from catalogue import models


def test_benchmark_import_imports_its_file_twice_and_reports_both_times(db):
    output = StringIO()

    call_command("benchmark_import", rows=30, stdout=output)

    assert models.Record.objects.filter(reference_code__startswith="BENCH-").count() == 30
    assert re.search(
        r"30 rows on \w+: first import [\d.]+ s, second import \(unchanged\)", output.getvalue()
    )
