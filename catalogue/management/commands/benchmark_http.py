"""Time the public pages over HTTP, served by gunicorn as in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from catalogue import models
from catalogue.bench import pages
from catalogue.bench.server import (
    Gunicorn,
    cpu_seconds,
    database_cpu_seconds,
    get,
    memory_mib,
    settle,
)
from catalogue.bench.stats import summary

from .benchmark_pages import counted


class Command(BaseCommand):
    help = (
        "Serve the catalogue with gunicorn (one sync worker, DEBUG off) and time each public "
        "page over HTTP: the worker's first request for it (first), the first request after "
        "a write (cold), then, once the worker is idle again, the median and p95 of "
        "--runs requests (warm), with the worker's processor time per request (what a "
        "page costs apart from waiting on a shared machine) and, on PostgreSQL, the database "
        "server's (DB CPU; its processes must be on this machine); SQL queries per warm page "
        "(counted in this process) and the worker's memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="Warm requests per page.")
        parser.add_argument("--seed", type=int, default=1, help="The generate_records seed.")
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, runs: int, seed: int, workers: int, **options) -> None:
        if runs < 3 or workers < 1:
            raise CommandError("--runs must be at least 3 and --workers at least 1.")
        if not models.Record.objects.published().exists():
            raise CommandError("No published records: run generate_records first.")
        urls = pages.page_urls(pages.pick_words(seed))
        queries = self.count_queries(urls)
        self.stdout.write(
            f"{models.Record.objects.count()} records on {connection.vendor}, over HTTP: "
            f"gunicorn, {workers} sync worker(s), DEBUG off; {runs} warm runs per page"
        )
        width = max(map(len, urls))
        self.stdout.write(
            f"{'':<{width}}  {'first ms':>8}  {'cold ms':>8}  {'CPU ms':>6}  {'median ms':>9}  "
            f"{'p95 ms':>8}  {'CPU ms':>6}  {'DB CPU':>6}  {'queries':>7}"
        )
        with Gunicorn(workers=workers) as server:
            worker = server.worker_pids()[0]
            started = memory_mib(worker)
            for name, url in urls.items():
                self.stdout.write(self.row(name, url, server, worker, runs, queries[name], width))
                self.stdout.flush()
            self.stdout.write(
                f"worker memory: {started:.0f} MiB after start, {memory_mib(worker):.0f} MiB "
                f"after the pages ({memory_mib(worker, 'RssAnon'):.0f} MiB its own, the rest "
                f"the database file mapped), {memory_mib(worker, 'VmHWM'):.0f} MiB at most"
            )

    def row(self, name, url, server, worker, runs, queries, width) -> str:
        """First, cold, warm median and p95, and the worker's processor time per request."""
        port = server.port
        # The worker's first request for this page compiles its templates and prepares its
        # SQL once per process; "cold" is the request after a write, once that is done.
        _status, first, _size = get(port, url)
        settle(worker)
        pages.write_one_record()
        cpu = cpu_seconds(worker)
        status, cold, _size = get(port, url)
        cold_cpu = (cpu_seconds(worker) - cpu) * 1000
        if status != 200:
            return f"{name:<{width}}  status {status} for {url}"
        # What the cold request left for after its response (an exact count) is not timed
        # with the warm requests.
        settle(worker)
        timings = []
        cpu = cpu_seconds(worker)
        database_cpu = database_cpu_seconds(connection)
        for _ in range(runs):
            status, elapsed, _size = get(port, url)
            if status != 200:
                return f"{name:<{width}}  status {status} for {url} (warm)"
            timings.append(elapsed)
        cpu = (cpu_seconds(worker) - cpu) * 1000 / runs
        if database_cpu is not None:
            database_cpu = f"{(database_cpu_seconds(connection) - database_cpu) * 1000 / runs:.1f}"
        median, p95 = summary(timings)
        figures = f"{first:>8.1f}  {cold:>8.1f}  {cold_cpu:>6.0f}  {median:>9.1f}  {p95:>8.1f}"
        figures += f"  {cpu:>6.1f}"
        figures += f"  {database_cpu or '-':>6}  {queries:>7}"
        return f"{name:<{width}}  {figures}  {url}"

    def count_queries(self, urls: dict[str, str]) -> dict[str, int]:
        """Queries per page, warm, counted in this process with the test client."""
        client = Client(raise_request_exception=False)
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        counts = {}
        with override_settings(ALLOWED_HOSTS=hosts, DEBUG=False):
            for name, url in urls.items():
                client.get(url)
                counts[name] = counted(lambda url=url: client.get(url))[0]
        return counts
