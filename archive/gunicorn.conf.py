"""gunicorn's settings for `make serve`; each one can still be given on the command line.

Workers: gunicorn's rule of two per core plus one (sync workers, one request each), unless
WEB_CONCURRENCY says otherwise. Every request is logged to standard output in the combined
format with its duration in microseconds at the end.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
# A worker that takes longer than this on one request is restarted (a page never should).
timeout = 60
# Each worker is replaced after about a thousand requests, so no slow leak outgrows it.
max_requests = 1000
max_requests_jitter = 100
# gunicorn 24+ opens a control socket at one fixed path per user, which two catalogues on one
# machine would share; nothing here uses it.
control_socket_disable = True
