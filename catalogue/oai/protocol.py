"""The protocol's rules for a request: its verb and arguments, dates, and resumption tokens."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

METADATA_PREFIX = "oai_dc"
BATCH_SIZE = 100
TOKEN_SALT = "catalogue.oai.resumption"
LIST_VERBS = {"ListIdentifiers", "ListRecords"}

# verb: (required arguments, optional arguments, whether a resumptionToken may replace them)
VERBS = {
    "Identify": (set(), set(), False),
    "ListMetadataFormats": (set(), {"identifier"}, False),
    "ListSets": (set(), set(), True),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), False),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, True),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, True),
}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OAIError(Exception):
    """A protocol error: ``code`` is one of the protocol's error codes."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Window:
    """What a list request asks for, frozen at the first request of a harvest.

    Items are ordered by ``(datestamp, source, id)``; ``position`` is the last one sent.
    ``before`` is exclusive: the ``until`` asked for, or the moment the harvest began,
    whichever is earlier, so that what changes during a harvest waits for the next one.
    """

    verb: str
    set_spec: str
    start: datetime.datetime | None
    before: datetime.datetime
    position: tuple[datetime.datetime, int, int] | None = None
    cursor: int = 0
    size: int | None = None


def arguments(query) -> tuple[str, dict[str, str]]:
    """The verb and the other arguments of ``query`` (a QueryDict), checked against the verb."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OAIError("badVerb", "The verb argument is missing, repeated or not a verb.")
    verb = verbs[0]
    values = {}
    for name, given in query.lists():
        if name == "verb":
            continue
        if len(given) != 1:
            raise OAIError("badArgument", f"The argument {name} is repeated.")
        if not given[0]:
            raise OAIError("badArgument", f"The argument {name} is empty.")
        values[name] = given[0]
    required, optional, resumable = VERBS[verb]
    names = set(values)
    if resumable and "resumptionToken" in names:
        if names != {"resumptionToken"}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        return verb, values
    unknown = names - required - optional
    if unknown:
        raise OAIError("badArgument", f"{verb} takes no argument {', '.join(sorted(unknown))}.")
    missing = required - names
    if missing:
        raise OAIError("badArgument", f"{verb} needs {', '.join(sorted(missing))}.")
    return verb, values


def parse_datestamp(value: str, *, upper: bool) -> tuple[datetime.datetime, str]:
    """A from/until value as a UTC moment and its granularity (``day`` or ``seconds``).

    An upper bound is returned exclusive: the day or second after the one named.
    """
    try:
        if _DAY.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            step, granularity = datetime.timedelta(days=1), "day"
        elif _SECONDS.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=datetime.UTC
            )
            step, granularity = datetime.timedelta(seconds=1), "seconds"
        else:
            raise ValueError(value)
    except ValueError:
        raise OAIError(
            "badArgument",
            f"{value!r} is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).",
        ) from None
    if not upper:
        return moment, granularity
    try:
        return moment + step, granularity
    except OverflowError:
        # The last day or second there is (9999-12-31): everything up to it.
        return datetime.datetime.max.replace(tzinfo=datetime.UTC), granularity


def datestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def first_window(verb: str, values: dict[str, str], now: datetime.datetime) -> Window:
    """The window of a list request that starts a harvest (no resumptionToken)."""
    if values["metadataPrefix"] != METADATA_PREFIX:
        raise OAIError("cannotDisseminateFormat", f"The only metadata format is {METADATA_PREFIX}.")
    start = before = None
    granularities = set()
    if "from" in values:
        start, granularity = parse_datestamp(values["from"], upper=False)
        granularities.add(granularity)
    if "until" in values:
        before, granularity = parse_datestamp(values["until"], upper=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OAIError("badArgument", "from and until must have the same granularity.")
    if start is not None and before is not None and start >= before:
        raise OAIError("badArgument", "from is later than until.")
    return Window(
        verb=verb,
        set_spec=values.get("set", ""),
        start=start,
        before=min(before, now) if before is not None else now,
    )


def _moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def token_for(window: Window, position: tuple, cursor: int, size: int) -> str:
    moment, source, pk = position
    data = {
        "v": window.verb,
        "s": window.set_spec,
        "f": window.start.isoformat() if window.start else None,
        "u": window.before.isoformat(),
        "p": [moment.isoformat(), source, pk],
        "c": cursor,
        "n": size,
    }
    return signing.dumps(data, salt=TOKEN_SALT, compress=True)


def window_from_token(verb: str, token: str) -> Window:
    """The window a resumptionToken carries; badResumptionToken if it was not ours."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        moment, source, pk = data["p"]
        window = Window(
            verb=data["v"],
            set_spec=str(data["s"]),
            start=_moment(data["f"]),
            before=_moment(data["u"]),
            position=(datetime.datetime.fromisoformat(moment), int(source), int(pk)),
            cursor=int(data["c"]),
            size=int(data["n"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise OAIError("badResumptionToken", "The resumptionToken is not valid.") from None
    if window.verb != verb or window.before is None:
        raise OAIError("badResumptionToken", f"The resumptionToken is not one of {verb}.")
    return window


def oai_identifier(reference_code: str) -> str:
    return f"oai:{settings.CATALOGUE_OAI_REPOSITORY_ID}:{reference_code}"


def reference_from(identifier: str) -> str:
    """The reference code in one of our identifiers; idDoesNotExist for any other."""
    prefix = f"oai:{settings.CATALOGUE_OAI_REPOSITORY_ID}:"
    if not identifier.startswith(prefix) or len(identifier) == len(prefix):
        raise OAIError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    return identifier[len(prefix) :]
