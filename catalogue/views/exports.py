"""A records list, with its filters and order, taken away as CSV, JSON, BibTeX or RIS.

The files are streamed: the first bytes leave before any record is read, and the records are
read in batches of ``BATCH`` (the list's order read once from a cursor, then each batch by
primary key), so that 100,000 records are never in memory together. CSV and JSON are the
import format (``export_catalogue``'s records files, written by the same code), so a
download imports back with no change; BibTeX and RIS are the record pages' citations.
"""

import io
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .. import citations, transfer
from ..filters import RecordFilterSet
from ..models import Record

# The transfer code reads many-valued columns 500 records at a time: a batch of that size
# costs each of its queries once.
BATCH = 500
FIRST_BATCH = 50


def _batches(queryset, fetch: Callable) -> Iterator[list[Record]]:
    """The records of ``queryset`` in its order, in batches each read by ``fetch(pks)``.

    The first batch is small, so that the first records leave at once; the rest are
    ``BATCH`` long. A record withdrawn while the file is being written is left out.
    """
    pks = queryset.values_list("pk", flat=True).iterator(chunk_size=BATCH)
    size = min(FIRST_BATCH, BATCH)
    while chunk := list(islice(pks, size)):
        by_pk = {record.pk: record for record in fetch(chunk)}
        yield [by_pk[pk] for pk in chunk if pk in by_pk]
        size = BATCH


def _published(pks: list[int]):
    return Record.objects.published().filter(pk__in=pks)


def _for_citation(pks: list[int]):
    return Record.objects.published().for_citation().filter(pk__in=pks)


def _csv(queryset, request) -> Iterator[str]:
    # transfer.write_csv is the one place records become CSV cells; each batch is written
    # through it and its header line, written once at the top, is dropped from the rest.
    kind = transfer.KINDS["records"]
    header = io.StringIO()
    transfer.write_csv(kind, [], header)
    header = header.getvalue()
    yield header
    for batch in _batches(queryset, _published):
        stream = io.StringIO()
        transfer.write_csv(kind, transfer.export_rows(kind, batch), stream)
        yield stream.getvalue()[len(header) :]


def _json(queryset, request) -> Iterator[str]:
    # The shape of transfer.write_json ({"kind": ..., "rows": [...]}), a row at a time.
    kind = transfer.KINDS["records"]
    yield json.dumps({"kind": kind.name})[:-1] + ', "rows": ['
    separator = "\n"
    for batch in _batches(queryset, _published):
        for row in transfer.export_rows(kind, batch):
            yield separator + json.dumps(row, ensure_ascii=False)
            separator = ",\n"
    yield "\n]}\n"


def _citations(builder: Callable, between: str) -> Callable:
    def write(queryset, request) -> Iterator[str]:
        # The record pages' addresses from one reverse(): a reverse() for each record would
        # cost as much as its citation. Reference codes need no quoting in an address.
        pattern = request.build_absolute_uri(
            reverse("catalogue:record_detail", kwargs={"reference": "0"})
        )[:-2]
        for batch in _batches(queryset, _for_citation):
            yield "".join(
                builder(record, f"{pattern}{record.reference_code}/") + between for record in batch
            )

    return write


FORMATS = {
    "csv": ("text/csv; charset=utf-8", _csv),
    "json": ("application/json", _json),
    "bib": ("application/x-bibtex; charset=utf-8", _citations(citations.bibtex, "\n")),
    "ris": ("application/x-research-info-systems; charset=utf-8", _citations(citations.ris, "")),
}


def _in_language(language: str, chunks: Iterable[str]) -> Iterator[str]:
    # The body is written after the view has returned: keep the address's language for it.
    with translation.override(language):
        yield from chunks


def _refusal(request, filterset: RecordFilterSet) -> HttpResponse:
    """The catalogue's 400 page, naming each filter that could not be used."""
    problems = []
    for name, errors in filterset.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else ""
        problems += [f"{label}: {error}" if label else str(error) for error in errors]
    context = {
        "message": _("Part of this address could not be used:"),
        "problems": problems,
        "after": _("Nothing was downloaded: correct the address and try again."),
    }
    return render(request, "400.html", context, status=400)


def record_export(request, format):
    """``/<language>/records/export.<format>``: the records list of the same query string."""
    if format not in FORMATS:
        raise Http404(f"There is no download as {format!r}.")
    filterset = RecordFilterSet(request.GET, queryset=Record.objects.published())
    filterset.ranks_window = False
    if not filterset.is_valid():
        return _refusal(request, filterset)
    content_type, write = FORMATS[format]
    response = StreamingHttpResponse(
        _in_language(translation.get_language(), write(filterset.qs, request)),
        content_type=content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="records.{format}"'
    return response
