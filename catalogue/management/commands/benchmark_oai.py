"""Time a full OAI-PMH harvest of the current database, in one process."""

import re
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from catalogue import models
from catalogue.bench.stats import percentile

from .benchmark_pages import QueryCounter

TOKEN = re.compile(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>")
ERROR = re.compile(r'<error code="([^"]+)"')


class Command(BaseCommand):
    help = (
        "Harvest the whole catalogue through /oai (ListRecords or ListIdentifiers, oai_dc), "
        "following every resumption token with Django's test client, and report the time, "
        "the items harvested, and the time and SQL queries per batch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--verb", choices=["ListRecords", "ListIdentifiers"], default="ListRecords"
        )

    def handle(self, *args, verb: str, **options) -> None:
        client = Client()
        published = models.Record.objects.published().count()
        deleted = models.Tombstone.objects.count()
        self.stdout.write(
            f"{models.Record.objects.count()} records ({published} published, {deleted} "
            f"tombstones) on {connection.vendor}; {verb}, metadataPrefix oai_dc"
        )
        batches, queries, items = [], [], 0
        arguments = {"verb": verb, "metadataPrefix": "oai_dc"}
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        started, cpu_started = time.perf_counter(), time.process_time()
        with override_settings(ALLOWED_HOSTS=hosts, DEBUG=False):
            while arguments:
                counter = QueryCounter()
                batch_started = time.perf_counter()
                with connection.execute_wrapper(counter):
                    content = client.get("/oai", arguments).content.decode()
                batches.append((time.perf_counter() - batch_started) * 1000)
                queries.append(counter.count)
                error = ERROR.search(content)
                if error and error.group(1) != "noRecordsMatch":
                    raise CommandError(f"The harvest stopped with {error.group(1)}.")
                items += content.count("<header")
                token = TOKEN.search(content)
                arguments = {"verb": verb, "resumptionToken": token.group(1)} if token else None
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        self.stdout.write(
            f"Harvested {items} items in {len(batches)} batches: {elapsed:.1f} s "
            f"({items / elapsed if elapsed else 0:.0f} items/s); {cpu:.1f} s of CPU in this "
            "process (SQLite included: the wall time minus waiting for a shared machine)\n"
            f"Per batch: median {statistics.median(batches):.1f} ms, "
            f"p95 {percentile(batches, 0.95):.1f} ms; queries "
            f"{min(queries)}–{max(queries)} (first batch {queries[0]})"
        )
        if items != published + deleted:
            raise CommandError(f"Expected {published + deleted} items, harvested {items}.")
