"""The OAI-PMH endpoint: one view for the six verbs, by GET or POST."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .. import crosswalk
from ..models import Record
from . import protocol, repository, xml
from .protocol import OAIError


@csrf_exempt  # a read-only protocol, harvested by programs that hold no cookie
@require_http_methods(["GET", "POST"])
def endpoint(request):
    now = timezone.now()
    query = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            verb, values = protocol.arguments(query)
        except OAIError as error:
            # Per the protocol, a bad verb or argument echoes no argument of the request.
            body = xml.errors([(error.code, error.message)])
            return _response(xml.envelope(protocol.datestamp(now), base_url, {}, body))
        echoed = {"verb": verb, **values}
        try:
            body = VERBS[verb](request, values, now)
        except OAIError as error:
            body = xml.errors([(error.code, error.message)])
            if error.code == "badArgument":
                echoed = {}
    return _response(xml.envelope(protocol.datestamp(now), base_url, echoed, body))


def refused(request, message: str) -> HttpResponse:
    """The protocol's badArgument for a request refused before the view (a control
    character, too many parameters): a harvester reads it as it reads any other error."""
    now = timezone.now()
    body = xml.errors([("badArgument", message)])
    return _response(
        xml.envelope(protocol.datestamp(now), request.build_absolute_uri(request.path), {}, body)
    )


def _response(content: str) -> HttpResponse:
    return HttpResponse(content, content_type="text/xml; charset=utf-8")


def _address(request):
    """A function from a reference code to the record's absolute permanent address."""
    template = request.build_absolute_uri(
        reverse("catalogue:record_detail", kwargs={"reference": "REFERENCE"})
    )
    head, tail = template.split("REFERENCE")
    return lambda code: f"{head}{code}{tail}"


def _describe(request, items) -> dict:
    rows = [item.row for item in items if not item.deleted]
    return crosswalk.describe(rows, _address(request))


def identify(request, values, now) -> str:
    sample = Record.objects.published().values_list("reference_code", flat=True)
    sample_code = sample.order_by("pk").first() or "sample"
    earliest = protocol.datestamp(repository.earliest())
    return xml.identify(request.build_absolute_uri(request.path), earliest, sample_code)


def list_metadata_formats(request, values, now) -> str:
    if "identifier" in values:
        code = protocol.reference_from(values["identifier"])
        if repository.item(code, repository.Sets(), with_metadata=False) is None:
            raise OAIError(
                "idDoesNotExist", f"No item has the identifier {values['identifier']!r}."
            )
    return xml.metadata_formats()


def list_sets(request, values, now) -> str:
    if "resumptionToken" in values:
        raise OAIError("badResumptionToken", "ListSets is never split; no token is valid.")
    return xml.sets(repository.Sets().listing())


def get_record(request, values, now) -> str:
    code = protocol.reference_from(values["identifier"])
    if values["metadataPrefix"] != protocol.METADATA_PREFIX:
        raise OAIError(
            "cannotDisseminateFormat", f"The only metadata format is {protocol.METADATA_PREFIX}."
        )
    item = repository.item(code, repository.Sets(), with_metadata=True)
    if item is None:
        raise OAIError("idDoesNotExist", f"No item has the identifier {values['identifier']!r}.")
    return f"<GetRecord>{xml.records([item], _describe(request, [item]))}</GetRecord>"


def _list(request, values, now, verb: str) -> str:
    if "resumptionToken" in values:
        window = protocol.window_from_token(verb, values["resumptionToken"])
    else:
        window = protocol.first_window(verb, values, now)
    sets = repository.Sets()
    condition = sets.condition(window.set_spec)
    if condition is None:
        raise OAIError("noRecordsMatch", f"There is no set {window.set_spec!r}.")
    size = window.size
    if size is None:
        size = repository.count(window, condition)
    with_metadata = verb == "ListRecords"
    items, more = repository.batch(window, sets, condition, with_metadata)
    if not items:
        # Also when what remained of a harvest was withdrawn or changed since it began.
        raise OAIError("noRecordsMatch", "No item matches the request.")
    if with_metadata:
        inner = xml.records(items, _describe(request, items))
    else:
        inner = "".join(xml.header(item) for item in items)
    if more:
        token = protocol.token_for(window, items[-1].position, window.cursor + len(items), size)
        inner += xml.resumption_token(token, window.cursor, size)
    elif window.position is not None:
        # The last batch of a split list carries an empty token.
        inner += f'<resumptionToken completeListSize="{size}" cursor="{window.cursor}"/>'
    return f"<{verb}>{inner}</{verb}>"


def list_identifiers(request, values, now) -> str:
    return _list(request, values, now, "ListIdentifiers")


def list_records(request, values, now) -> str:
    return _list(request, values, now, "ListRecords")


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
