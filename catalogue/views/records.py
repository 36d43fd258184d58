from functools import partial

from django.core.paginator import Page
from django.db import router
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from .. import citations, jsonld, tombstones
from ..api import cursors
from ..filters import RecordFilterSet, facets
from ..filters.keysets import record_keysets
from ..history.public import public_history
from ..iiif import manifests
from ..models import Record, record_page
from . import paging
from .mixins import ForgivingPaginationMixin


class RecordListView(ForgivingPaginationMixin, FilterView):
    filterset_class = RecordFilterSet
    queryset = Record.objects.published().for_listing().with_thumbnails()
    paginate_by = 20
    strict = False
    template_name = "catalogue/record_list.html"
    fetch = None
    deep_fetch = None

    def known_total(self):
        return self.filterset.listed() if self.filterset.is_valid() else None

    def total_is_exact(self):
        window = self.filterset.search_window()
        if window is not None and self.filterset.sort_name() != "relevance":
            return not window.estimated
        counted = self.filterset.counted()
        return not (counted.get("more") or counted.get("stale"))

    def paginate_queryset(self, queryset, page_size):
        keyset = record_keysets((get_language() or "en")[:2])[self.filterset.sort_name()]
        queryset = keyset.order(queryset)
        # The page's keys first, then its rows by primary key: the keys are those of
        # published records already, and a status condition would lead SQLite to scan its
        # status index rather than look 20 keys up. Every page of a ranked search; for the
        # other sorts, the pages past the first (the first is read in one query).
        names = tuple(key.name for key in keyset.keys)
        rows_from = Record.objects.for_listing().with_thumbnails()
        by_keys = partial(paging.rows_by_keys, names=names, rows_from=rows_from)
        self.deep_fetch = by_keys
        if keyset.name == "relevance":
            self.fetch = by_keys
        after, before = self.request.GET.get("after"), self.request.GET.get("before")
        if after or before:
            try:
                rows, self.links = paging.cursor_page(
                    self.request, queryset, keyset, page_size, after, before, self.fetch or list
                )
            except cursors.CursorError as error:
                self.page_error = _("%(error)s This is the first page.") % {"error": error}
            else:
                paginator = self.get_paginator(queryset, page_size)
                total = self.known_total()
                paginator.count = queryset.count() if total is None else total
                page = Page(rows, 1, paginator)
                return paginator, page, rows, bool(self.links.previous_url or self.links.next_url)
        paginator, page, rows, paginated = super().paginate_queryset(queryset, page_size)
        self.links = paging.numbered_links(self.request, page, keyset)
        return paginator, page, rows, paginated

    def get_context_data(self, **kwargs):
        counts = self.filterset.counted() if self.filterset.is_valid() else {}
        context = super().get_context_data(
            facets=self.filterset.facets(),
            counts=counts,
            counts_limit=facets.EXACT_UP_TO,
            facet_sample=counts.get("sample"),
            chips=self.filterset.chips(),
            query=self.filterset.form.cleaned_data.get("q") or "",
            search_window=self.filterset.search_window() if self.filterset.is_valid() else None,
            ranking_window=self.filterset.is_valid() and self.filterset.sort_name() == "relevance",
            **kwargs,
        )
        context["pages"] = self.links  # made while paginating, inside the call above
        return context


class RecordDetailView(DetailView):
    # What for_detail() prefetches, loaded by record_page in queries built once per process.
    model = Record
    context_object_name = "record"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A withdrawn record answers 410 Gone, a former reference code 301.
            response = tombstones.answer(request, kwargs["reference"])
            if response is None:
                raise
            return response

    def get_object(self, queryset=None):
        record = record_page.published(self.kwargs["reference"], router.db_for_read(Record))
        if record is None:
            message = _("No %(verbose_name)s found matching the query")
            raise Http404(message % {"verbose_name": Record._meta.verbose_name})
        return record_page.load(record)

    def get_context_data(self, **kwargs):
        record = self.object
        url = self.request.build_absolute_uri(record.get_absolute_url())
        return super().get_context_data(
            citation_chicago=citations.chicago(record, url),
            citation_gost=citations.gost(record, url) if get_language() == "ru" else "",
            json_ld=jsonld.record_script(record, url, self.request),
            iiif_manifest=manifests.manifest_url(record) if manifests.has_manifest(record) else "",
            iiif_profile=manifests.CONTENT_TYPE,
            record_url=url,
            history=public_history(record),
            **kwargs,
        )


def _citation_download(request, reference, builder, extension, content_type):
    record = get_object_or_404(Record.objects.published().for_citation(), reference_code=reference)
    url = request.build_absolute_uri(record.get_absolute_url())
    response = HttpResponse(builder(record, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{record.reference_code}.{extension}"'
    return response


def record_bibtex(request, reference):
    return _citation_download(
        request, reference, citations.bibtex, "bib", "application/x-bibtex; charset=utf-8"
    )


def record_ris(request, reference):
    content_type = "application/x-research-info-systems; charset=utf-8"
    return _citation_download(request, reference, citations.ris, "ris", content_type)
