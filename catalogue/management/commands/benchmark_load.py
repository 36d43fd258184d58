"""The catalogue under load: gunicorn's production workers, wrk, and an import meanwhile."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from catalogue import models
from catalogue.bench import load, pages
from catalogue.bench.imports import write_records_csv
from catalogue.bench.server import Gunicorn, memory_mib


def production_workers() -> int:
    """Gunicorn's advice for a production server: two workers per core, and one more."""
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = (
        "Serve the catalogue with gunicorn (the production worker count), request the public "
        "pages in turn with wrk on --connections connections for --duration seconds each, and "
        "import a CSV of --import-rows records in the middle of every run. Reports requests "
        "per second, p50 and p99 in ms, errors, the import's time and the workers' memory. "
        "Needs wrk (Debian: apt-get install wrk); the import adds records to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=production_workers())
        parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
        parser.add_argument("--duration", type=int, default=30, help="Seconds per run.")
        parser.add_argument("--import-rows", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1, help="The generate_records seed.")

    def handle(self, *args, workers, connections, duration, import_rows, seed, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (Debian: apt-get install wrk).")
        if workers < 1 or duration < 3 or import_rows < 0 or min(connections) < 1:
            raise CommandError("Workers, connections and rows must be positive, runs 3 s or more.")
        if not models.Record.objects.published().exists():
            raise CommandError("No published records: run generate_records first.")
        paths = list(pages.page_urls(pages.pick_words(seed)).values())
        self.stdout.write(
            f"{models.Record.objects.count()} records on {connection.vendor}: gunicorn, "
            f"{workers} sync workers; the {len(paths)} timed pages in turn for {duration} s; "
            f"an import of {import_rows:,} records starting after {duration // 3} s"
        )
        with tempfile.TemporaryDirectory(prefix="load-benchmark-") as directory:
            script = Path(directory) / "pages.lua"
            script.write_text(load.wrk_script(paths))
            with Gunicorn(workers=workers) as server:
                for count in connections:
                    csv = write_records_csv(
                        Path(directory) / f"load-{count}.csv", import_rows, prefix=f"LOAD{count}"
                    )
                    self.run(server, script, count, duration, csv)
                memory = [memory_mib(pid, "VmHWM") for pid in server.worker_pids()]
        self.stdout.write(f"workers' memory at most: {max(memory):.0f} MiB (largest worker)")

    def run(self, server: Gunicorn, script: Path, count: int, duration: int, csv: Path) -> None:
        command = ["wrk", "--threads", "2", "--connections", str(count)]
        command += ["--duration", f"{duration}s", "--timeout", "10s", "--latency"]
        command += ["--script", str(script), "--header", "Host: localhost"]
        wrk = subprocess.Popen(
            [*command, f"http://127.0.0.1:{server.port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(duration // 3)
        started = time.monotonic()
        importing = subprocess.Popen(
            [sys.executable, "manage.py", "import_catalogue", str(csv)],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
        )
        report, complaints = wrk.communicate()
        overlap = time.monotonic() - started
        status = importing.wait()
        if wrk.returncode or complaints.strip():
            raise CommandError(f"wrk failed: {complaints.strip() or report}")
        took = time.monotonic() - started
        figures = load.parse_wrk(report)
        outcome = "failed" if status else f"{took:.1f} s"
        self.stdout.write(
            f"{count:>3} connections: {figures['rate']:.1f} requests/s "
            f"({figures['requests']} in {duration} s), p50 {figures['p50']:.0f} ms, "
            f"p99 {figures['p99']:.0f} ms, {figures['errors']} error responses, "
            f"{figures['failed']} failed or timed out; "
            f"import {outcome} ({min(took, overlap):.1f} s of it under load)"
        )
