"""Links that change one filter and keep the others: facet values and removable chips."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..dates import edtf_display


@dataclass
class Chip:
    name: str
    label: str
    value: str
    remove_url: str


class QueryStringMixin:
    """For FilterSets: query strings built from the submitted data, without the page."""

    chip_exclude = ("sort",)

    def __init__(self, data=None, *args, **kwargs):
        # Always bound, so that the default order and validation apply to a bare address.
        super().__init__(QueryDict() if data is None else data, *args, **kwargs)

    def _query(self) -> QueryDict:
        query = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        query.pop("page", None)
        return query

    def url_with(self, name: str, value: str) -> str:
        query = self._query()
        query[name] = value
        return f"?{query.urlencode()}"

    def url_without(self, *names: str) -> str:
        query = self._query()
        for name in names:
            query.pop(name, None)
        return f"?{query.urlencode()}" if query else "?"

    def chips(self) -> list[Chip]:
        """The active, valid filters, each with a link that drops it."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        found = []
        for name, value in self.form.cleaned_data.items():
            if name in self.chip_exclude or value in (None, "", False, [], ()):
                continue
            found.append(
                Chip(
                    name=name,
                    label=str(self.filters[name].label),
                    value=chip_text(self.filters[name], value, self.data.get(name, "")),
                    remove_url=self.url_without(name),
                )
            )
        return found


def chip_text(filter_, value, submitted: str) -> str:
    if isinstance(value, tuple):
        # A partial date: show it as the visitor wrote it, in words.
        return edtf_display(submitted.strip())
    if value is True:
        return str(_("yes"))
    choices = dict(getattr(filter_, "extra", {}).get("choices") or [])
    return str(choices.get(value, value))
