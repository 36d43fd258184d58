from django.views.generic import DetailView, ListView

from ..charts import seat_chart
from ..models import Organization


class OrganizationListView(ListView):
    queryset = Organization.objects.for_listing()


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(seat_chart=seat_chart(self.object.seats.all()), **kwargs)
