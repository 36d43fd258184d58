"""Work a request leaves for after its response: exact counts too costly to make a reader wait.

``after_response(job)`` queues a job for the request being served; when the response has
been sent (Django's ``request_finished``), each queued job runs on a thread of its own
(``settings.CATALOGUE_COUNT_IN_THREAD``; tests run them on the spot), so the worker goes on
to its next request at once. A job opens its own database connection and closes it. A
worker that stops before a job ends loses only the job: the page that queued it showed
estimates and said so, and the next request queues it again.
"""

import logging
import threading

from django.conf import settings
from django.core.signals import request_finished
from django.db import connections

logger = logging.getLogger(__name__)
_queued = threading.local()


def after_response(job) -> None:
    """Run ``job()`` once the current response has been sent."""
    if not hasattr(_queued, "jobs"):
        _queued.jobs = []
    _queued.jobs.append(job)


def _run(job) -> None:
    try:
        job()
    except Exception:
        logger.exception("A job left for after the response failed.")
    finally:
        connections.close_all()


def run_queued(**kwargs) -> None:
    jobs, _queued.jobs = getattr(_queued, "jobs", []), []
    for job in jobs:
        if getattr(settings, "CATALOGUE_COUNT_IN_THREAD", True):
            threading.Thread(target=_run, args=(job,), daemon=True).start()
        else:
            job()


request_finished.connect(run_queued, dispatch_uid="catalogue.background.run_queued")
