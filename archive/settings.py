"""Settings for the catalogue.

One file for every machine: whatever differs between machines comes from the environment,
read through the strict helpers below, which raise ImproperlyConfigured on a malformed value.
"""

import datetime
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def sqlite_options() -> dict:
    """SQLite as sites under load run it: readers never wait for a writer, writers queue.

    WAL lets readers go on reading while an import writes; a writer that finds the database
    busy waits up to DATABASE_SQLITE_TIMEOUT seconds instead of failing with "database is
    locked"; IMMEDIATE transactions take the write lock when they begin, so two writers queue
    on that timeout rather than one failing half-way; synchronous=NORMAL is durable in WAL mode
    except for the last commits before a power cut. Memory mapping reads the file about 40%
    faster when a broad search joins tens of thousands of matches to their records.
    """
    return {
        "timeout": env_int("DATABASE_SQLITE_TIMEOUT", 5),
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824"
        ),
    }


def postgresql_connection_settings() -> dict:
    """Each process keeps its PostgreSQL connection from one request to the next.

    Opening one costs the server a new process (about 2 ms of the worker's processor time and
    tens of milliseconds of waiting on a busy machine), on every request when connections last
    only one. A gunicorn sync worker serves one request at a time, so one connection per worker
    is all it ever needs; the server must allow workers × app servers connections (and a few
    for commands). Before reusing a connection, Django checks that it still works (one
    ``SELECT 1`` per request, not per query), so a restarted database costs no failed page.
    DATABASE_CONN_MAX_AGE=0 opens one per request again.
    """
    return {
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    }


_RATE_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """``120/minute`` (or second, hour, day) as (requests, seconds)."""
    raw = os.environ.get(name) or default
    count, _slash, period = raw.strip().lower().partition("/")
    seconds = _RATE_PERIODS.get(period.removesuffix("s"))
    if not (count.isascii() and count.isdigit()) or int(count) < 1 or seconds is None:
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per second, minute, hour or day "
            f"(for example 120/minute), not {raw!r}."
        )
    return int(count), seconds


def database_from_url(url: str) -> dict:
    """Turn sqlite:///path or postgres://user:password@host:port/name into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: a SQLite URL is sqlite:///relative.db or sqlite:////abs.db."
            )
        name = path[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name if os.path.isabs(name) else BASE_DIR / name,
            "OPTIONS": sqlite_options(),
            # Opening the file again for every request costs each page about 3 ms of
            # processor time: the pragmas, and SQLite's page cache and memory map start cold.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 600),
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no database.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} has a malformed port.") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            **postgresql_connection_settings(),
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL {url!r}: the scheme must be sqlite or postgres, not {parts.scheme!r}."
    )


def replica_databases(urls: list[str], primary: dict) -> dict:
    """``replica_1``, ``replica_2``… from DATABASE_REPLICA_URLS: streaming replicas of the primary.

    In tests each is a mirror of the primary's test database, which replication brings there.
    """
    if urls and primary["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs a PostgreSQL primary in DATABASE_URL: "
            "SQLite has no replicas."
        )
    replicas = {}
    for number, url in enumerate(urls, start=1):
        replica = database_from_url(url)
        if replica["ENGINE"] != primary["ENGINE"]:
            raise ImproperlyConfigured(
                f"DATABASE_REPLICA_URLS {url!r}: a replica must be a PostgreSQL database."
            )
        replica["TEST"] = {"MIRROR": "default"}
        replicas[f"replica_{number}"] = replica
    return replicas


def cache_from_url(url: str, key_prefix: str) -> dict:
    """Django's Redis cache for redis:// (or rediss://) URLs; local memory without one."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"REDIS_URL {url!r}: the scheme must be redis, rediss or unix.")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
        }
    }


def media_storage(bucket: str) -> dict:
    """Uploads on the file system under MEDIA_ROOT, or in an S3-compatible bucket when named.

    Credentials come the way boto3 finds them (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or
    the machine's role); the endpoint names a service other than Amazon's (MinIO, Ceph, …).
    """
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        # Uploads stay private; pages link to them through signed, expiring addresses.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, variable in [
        ("endpoint_url", "CATALOGUE_S3_ENDPOINT_URL"),
        ("region_name", "CATALOGUE_S3_REGION"),
        ("location", "CATALOGUE_S3_PREFIX"),
    ]:
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origins(bucket: str) -> list[str]:
    """Where pages' images come from when uploads are in a bucket, for the CSP's img-src."""
    if not bucket:
        return []
    endpoint = os.environ.get("CATALOGUE_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        # Path-style (endpoint/bucket/…) or virtual-hosted (bucket.endpoint/…) addresses.
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = os.environ.get("CATALOGUE_S3_REGION")
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# True when no key is configured and this process made its own (the system check warns).
SECRET_KEY_GENERATED = False
if not SECRET_KEY:
    if DEBUG or env_bool("DJANGO_INSECURE_LOCAL", False):
        SECRET_KEY = "insecure-local-key-never-use-in-production"
    else:
        # Nothing becomes insecure, but sessions and signed links end with the process and
        # differ between processes: set DJANGO_SECRET_KEY wherever the catalogue is served.
        SECRET_KEY = secrets.token_urlsafe(50)
        SECRET_KEY_GENERATED = True

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its admin integration applies.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "ninja",
    "reversion",
    "csp",
    "axes",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP and the language: its 400 page has both.
    "catalogue.middleware.RefuseControlCharactersMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "archive" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "string_if_invalid": os.environ.get("DJANGO_TEMPLATE_STRING_IF_INVALID", ""),
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL") or "sqlite:///db.sqlite3")}
if os.environ.get("DATABASE_TEST_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}
DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS", []), DATABASES["default"]))
# Public reads go to a replica, everything else to the primary (catalogue.routers).
DATABASE_ROUTERS = []
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["catalogue.routers.PrimaryReplicaRouter"]
    # Before the session: it decides for the whole request where its reads go.
    MIDDLEWARE.insert(2, "catalogue.routers.ReplicaReadsMiddleware")
# After a write, the writer's browser reads the primary for this long (replicas lag behind).
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 15)

# Without REDIS_URL each process keeps its own cache in memory; with it, every process shares
# one (facet counts, the API's rate limit), so what one process counts the others see.
CACHES = cache_from_url(os.environ.get("REDIS_URL", ""), os.environ.get("CACHE_KEY_PREFIX", ""))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "catalogue" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru"), "ru": ("ru", "en")}

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": media_storage(os.environ.get("CATALOGUE_S3_BUCKET", "")),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

# Uploaded images: refused above these sizes (bytes, pixels), with a message, never a warning.
CATALOGUE_IMAGE_MAX_BYTES = env_int("CATALOGUE_IMAGE_MAX_BYTES", 40 * 1024 * 1024)
CATALOGUE_IMAGE_MAX_PIXELS = env_int("CATALOGUE_IMAGE_MAX_PIXELS", 60_000_000)
# Originals of images, and everything derived from an image of a draft, are kept here, outside
# MEDIA_ROOT and served by no address; the derived files move to MEDIA_ROOT on publication.
CATALOGUE_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("CATALOGUE_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
# The public address of the catalogue (scheme, host and port), written into each image's
# info.json, which is a plain file; the development server answers with its own address.
CATALOGUE_BASE_URL = os.environ.get("CATALOGUE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where an import uploaded in the admin waits between its preview and its confirmation; with
# several app servers, a directory they share.
CATALOGUE_IMPORT_DIR = Path(
    os.environ.get("CATALOGUE_IMPORT_DIR", Path(tempfile.gettempdir()) / "catalogue-imports")
)
# The largest file the admin imports (bytes); the import_catalogue command takes any size.
CATALOGUE_IMPORT_MAX_BYTES = env_int("CATALOGUE_IMPORT_MAX_BYTES", 20 * 1024 * 1024)

# The JSON API: requests allowed per client address, as (requests, seconds). They are counted
# in Django's cache, so every process must share one cache for the limit to hold across them.
CATALOGUE_API_RATE = env_rate("CATALOGUE_API_RATE", "120/minute")
# How many proxies in front of the site add X-Forwarded-For; 0 counts the connecting address.
NINJA_NUM_PROXIES = env_int("CATALOGUE_API_PROXIES", 0)
# OAI-PMH (catalogue.oai): the repository's identifier (a domain name, in every item's
# identifier oai:<id>:<reference code>) and the address harvesters write to. The defaults
# suit a machine of one's own; catalogue.W002 warns when they are kept for a public host.
# Up to this many matches a search is counted exactly and ranked in full; past it the count
# is estimated and relevance ranks a window of the matches (catalogue/search/bounded.py).
CATALOGUE_SEARCH_EXACT_UP_TO = env_int("CATALOGUE_SEARCH_EXACT_UP_TO", 500)

CATALOGUE_OAI_REPOSITORY_ID = os.environ.get("CATALOGUE_OAI_REPOSITORY_ID", "catalogue.localhost")
CATALOGUE_OAI_ADMIN_EMAIL = os.environ.get("CATALOGUE_OAI_ADMIN_EMAIL", "admin@catalogue.localhost")
CATALOGUE_OAI_REPOSITORY_NAME = os.environ.get(
    "CATALOGUE_OAI_REPOSITORY_NAME", "The 20th Congress archive"
)
# The rights statement every record carries in Dublin Core (dc:rights); empty for none.
CATALOGUE_RIGHTS = os.environ.get("CATALOGUE_RIGHTS", "http://rightsstatements.org/vocab/CNE/1.0/")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS in one switch, for a catalogue served behind a TLS-terminating proxy that sets
# X-Forwarded-Proto (and strips it from what clients send).
HTTPS = env_bool("DJANGO_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# One year of HSTS. includeSubDomains covers only names under the catalogue's own host, so it is
# on; preload asks browsers to hard-code the whole registrable domain, which is the domain
# owner's decision and hard to undo, so it is off unless DJANGO_HSTS_PRELOAD says so.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", False)
# The deploy check warns that preload is off: it is off on purpose (see above).
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The default order's index includes the id for PostgreSQL (an index-only deep page); SQLite
# ignores INCLUDE and warns at every migrate, though its indexes hold the row id anyway.
SILENCED_SYSTEM_CHECKS.append("models.W040")

# The Content-Security-Policy of every public page (django-csp): nothing inline, nothing from
# elsewhere. The admin is left out: it keeps Django's own pages as they are.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *media_origins(os.environ.get("CATALOGUE_S3_BUCKET", ""))],
        "style-src": [SELF],
        "script-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Admin logins (django-axes): after CATALOGUE_LOGIN_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for CATALOGUE_LOGIN_LOCKOUT_MINUTES (a new
# failure during the lockout starts it again); a successful login clears the count.
AXES_FAILURE_LIMIT = env_int("CATALOGUE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("CATALOGUE_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "catalogue.middleware.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "catalogue.middleware.client_address"
# How many proxies in front of the catalogue append to X-Forwarded-For; 0 trusts none of it.
CATALOGUE_TRUSTED_PROXIES = env_int("CATALOGUE_TRUSTED_PROXIES", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
