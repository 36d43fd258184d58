from django.views.generic import DetailView, ListView

from ..models import Event


class EventListView(ListView):
    queryset = Event.objects.for_listing().chronological()


class EventDetailView(DetailView):
    queryset = Event.objects.for_detail()
