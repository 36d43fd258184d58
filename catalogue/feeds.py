"""Atom feeds of newly published records: the whole catalogue, and each collection.

Titles and summaries are in the language of the address (``/en/feed/``, ``/ru/feed/``),
falling back to the other language where a record has no text in it.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .dates import edtf_display
from .models import Collection, Record


class NewRecordsFeed(Feed):
    feed_type = Atom1Feed
    # How many of the latest publications a feed holds.
    size = 50

    def title(self):
        return _("%(site)s: newly published records") % {"site": _("The 20th Congress archive")}

    def link(self):
        return reverse("catalogue:record_list")

    def feed_url(self):
        return reverse("catalogue:record_feed")

    def records(self, obj):
        return Record.objects.published()

    def items(self, obj):
        records = self.records(obj).select_related("collection")
        return records.order_by("-published_at", "-pk")[: self.size]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        dated = edtf_display(item.date) if item.date else _("n.d.")
        summary = f"{item.get_kind_display().capitalize()}, {dated}. {item.reference_code}."
        return f"{summary} {item.description}" if item.description else summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class CollectionRecordsFeed(NewRecordsFeed):
    """Records newly published in one collection or any unit below it."""

    def get_object(self, request, slug):
        return get_object_or_404(Collection, slug=slug)

    def title(self, obj):
        return _("%(collection)s: newly published records") % {"collection": obj.title}

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("catalogue:collection_feed", kwargs={"slug": obj.slug})

    def records(self, obj):
        return Record.objects.published().filter(collection__in=Collection.objects.within(obj))
