"""Time the public list and search pages, and the search API, on the current database."""

import logging
import time
import warnings
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings

from catalogue import models
from catalogue.bench import pages
from catalogue.bench.stats import summary
from catalogue.search import search_people, search_records


class QueryCounter:
    """Counts the SQL statements run inside ``with connection.execute_wrapper(counter):``."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def counted(call: Callable) -> tuple[int, float]:
    """Run ``call`` once; return the number of queries and the milliseconds it took."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1000
    return counter.count, elapsed


class Command(BaseCommand):
    help = (
        "Time the public pages (in-process, Django's test client) and the search API: "
        "median and p95 server time and SQL queries per page. Pages that answer 404 are "
        "reported as not available."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30, help="Timed runs per row.")
        parser.add_argument("--seed", type=int, default=1, help="The generate_records seed.")
        parser.add_argument("--page-size", type=int, default=20)

    def handle(self, *args, runs: int, seed: int, page_size: int, **options) -> None:
        # Each missing page would log a warning per request; the table says it once.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", message="No directory at", module="django")
        self.runs = max(1, runs)
        published = models.Record.objects.published()
        total = published.count()
        words = pages.pick_words(seed)
        self.stdout.write(
            f"{models.Record.objects.count()} records ({total} published) on "
            f"{connection.vendor}; {self.runs} runs per row; words: "
            + ", ".join(f"{role} “{word}”" for role, word in words.items())
        )
        self.table("Pages", self.page_rows(words, page_size))
        self.table("List queries (the records page without a search)", self.list_rows(total))
        self.table("Search API", self.api_rows(words))

    def page_rows(self, words: dict[str, str], page_size: int) -> list[tuple]:
        urls = pages.page_urls(words, page_size)
        client = Client(raise_request_exception=False)
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=hosts, DEBUG=False):
            return [self.time_page(client, url) for url in urls.values()]

    def time_page(self, client: Client, url: str) -> tuple:
        # The first request runs with an empty cache (facet counts computed); the timed runs
        # after it are what visitors get until the next change to the records.
        cache.clear()
        responses = []
        queries, cold = counted(lambda: responses.append(client.get(url)))
        status = responses[0].status_code
        if status == 404:
            return (url, None, None, None, "not available (404)")
        if status != 200:
            return (url, None, None, queries, f"status {status}")
        timings = self.measure(lambda: client.get(url))
        return (url, *timings, queries, f"cold {cold:.1f} ms")

    def list_rows(self, total: int) -> list[tuple]:
        published = models.Record.objects.published().order_by()
        in_1956 = published.filter(
            kind=models.RecordKind.SPEECH,
            date_earliest__gte="1956-01-01",
            date_latest__lte="1957-12-31",
        )
        deep = max(0, total // 2)
        calls: dict[str, Callable] = {
            "published .count()": published.count,
            "kind facets": lambda: list(published.values("kind").annotate(n=Count("pk"))),
            "language facets": lambda: list(
                published.values("languages").annotate(n=Count("pk", distinct=True))
            ),
            "speech 1956-1957 .count()": in_1956.count,
            "speech 1956-1957 [:20] by -date": lambda: list(
                in_1956.order_by("-date_earliest", "reference_code")[:20]
            ),
            f"page at offset {deep} by reference": lambda: list(
                published.order_by("reference_code")[deep : deep + 20]
            ),
            f"page at offset {deep} by -date": lambda: list(
                published.order_by("-date_earliest", "reference_code")[deep : deep + 20]
            ),
        }
        rows = []
        for name, call in calls.items():
            queries, _cold = counted(call)
            rows.append((name, *self.measure(call), queries, ""))
        return rows

    def api_rows(self, words: dict[str, str]) -> list[tuple]:
        published = models.Record.objects.published()
        rows = []
        for role, word in words.items():
            results = search_records(published, word)
            calls: dict[str, Callable] = {
                "[:20] by rank": lambda r=results: list(r.order_by("-search_rank")[:20]),
                "[:20] by date": lambda r=results: list(r.order_by("-date_earliest")[:20]),
                ".count()": lambda r=results: r.count(),
                "kind facets": lambda r=results: list(
                    r.order_by().values("kind").annotate(n=Count("pk"))
                ),
            }
            matches = results.count()
            for name, call in calls.items():
                queries, _cold = counted(call)
                label = f"search_records({role} “{word}”) {name}"
                rows.append((label, *self.measure(call), queries, f"{matches} matches"))
        people = models.Person.objects.all()
        if "person" in words:
            call = lambda: list(search_people(people, words["person"])[:20])  # noqa: E731
            rows.append((f"search_people(“{words['person']}”)[:20]", *self.measure(call), 1, ""))
        return rows

    def measure(self, call: Callable) -> tuple[float, float]:
        call()  # warm the caches once
        timings = []
        for _ in range(self.runs):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        return summary(timings)

    def table(self, title: str, rows: list[tuple]) -> None:
        width = max(len(row[0]) for row in rows)
        self.stdout.write(f"\n{title}")
        self.stdout.write(f"{'':<{width}}  {'median ms':>9}  {'p95 ms':>8}  {'queries':>7}")
        for name, median, p95, queries, note in rows:
            if median is None:
                figures = f"{'–':>9}  {'–':>8}  {queries if queries is not None else '–':>7}"
            else:
                figures = f"{median:>9.1f}  {p95:>8.1f}  {queries:>7}"
            self.stdout.write(f"{name:<{width}}  {figures}  {note}".rstrip())
