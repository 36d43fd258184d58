from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from .. import timeline
from ..models import Event


class EventListView(ListView):
    queryset = Event.objects.for_listing().chronological()

    def get_context_data(self, **kwargs):
        language = (get_language() or "en")[:2]
        chart = timeline.collection_timeline(language, events=self.object_list)
        return super().get_context_data(timeline=chart, **kwargs)


class EventDetailView(DetailView):
    queryset = Event.objects.for_detail()
