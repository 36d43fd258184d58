"""Public reads on PostgreSQL read replicas; everything else on the primary.

A replica serves a request's reads only when the request is a public read: a GET or HEAD
outside the admin, from a browser that has not just written. Writes, the admin, commands
(imports among them), sessions and logins, and any read inside a transaction go to the
primary, so a curator always reads what they have just saved. After any other request (a
form posted, a login) the browser is pinned to the primary for DATABASE_REPLICA_PIN_SECONDS,
the time a replica may take to catch up.
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.urls import reverse

PRIMARY = "default"
PIN_COOKIE = "catalogue_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Logins, sessions, permissions and lockouts are read where they were written.
PRIMARY_APPS = frozenset({"admin", "auth", "axes", "contenttypes", "reversion", "sessions"})

# The replica that serves the current request's reads, or None for the primary.
_replica: ContextVar[str | None] = ContextVar("catalogue_replica", default=None)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


def in_transaction() -> bool:
    """Whether the primary connection is inside ``atomic()`` opened by the catalogue.

    The test framework wraps each test in transactions of its own; those are not the
    catalogue's, and reads inside them go where a request's reads would go.
    """
    blocks = connections[PRIMARY].atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        replica = _replica.get()
        if replica is None or model._meta.app_label in PRIMARY_APPS or in_transaction():
            return PRIMARY
        return replica

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replicas hold the primary's rows: an object read from one relates to any other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Choose, per request, whether its reads go to a replica (one, for the whole request)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        public_read = (
            request.method in SAFE_METHODS
            and not request.path.startswith(self.admin_prefix)
            and PIN_COOKIE not in request.COOKIES
        )
        token = _replica.set(random.choice(replicas()) if public_read else None)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
