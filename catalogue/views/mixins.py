"""What the filtered lists share: pagination that never fails, and an honest status code."""

from django.utils.translation import gettext as _

from .paging import KeyPaginator


class ForgivingPaginationMixin:
    """A page number that is not a number, or out of range, shows a page and says why.

    The response is then a 400, as it is for a malformed filter value: the page still
    renders with its message, but the address is not one to keep.
    """

    page_error = ""
    paginator_class = KeyPaginator

    def known_total(self) -> int | None:
        """The number of rows when it is known without counting them (a counts table)."""
        return None

    def total_is_exact(self) -> bool:
        """False when ``known_total`` is only a lower bound or counts from before a write."""
        return True

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        paginator.fetch = getattr(self, "fetch", None)
        paginator.deep_fetch = getattr(self, "deep_fetch", None)
        total = self.known_total()
        if total is not None:
            paginator.count = total  # a cached property: the paginator will not count
        raw = self.request.GET.get("page", "1").strip() or "1"
        try:
            number = int(raw)
        except ValueError:
            number = 1
            self.page_error = _("“%(page)s” is not a page number; this is the first page.") % {
                "page": raw[:20]
            }
        else:
            past = total is not None and (number - 1) * page_size >= total
            if past and not self.total_is_exact():
                # The counts are not yet exact: a page past them may well exist; count now.
                paginator.count = queryset.count()
            if number < 1 or number > paginator.num_pages:
                self.page_error = _(
                    "There is no page %(page)s; there are %(count)s. This is the nearest one."
                ) % {"page": raw[:20], "count": paginator.num_pages}
                number = min(max(number, 1), paginator.num_pages)
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def render_to_response(self, context, **kwargs):
        invalid = bool(self.page_error) or bool(self.filterset.is_bound and self.filterset.errors)
        context["page_error"] = self.page_error
        kwargs.setdefault("status", 400 if invalid else 200)
        return super().render_to_response(context, **kwargs)
