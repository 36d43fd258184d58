from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import PersonFilterSet
from ..models import Person
from .mixins import ForgivingPaginationMixin


class PersonListView(ForgivingPaginationMixin, FilterView):
    filterset_class = PersonFilterSet
    queryset = Person.objects.for_listing()
    paginate_by = 50
    strict = False
    template_name = "catalogue/person_list.html"


class PersonDetailView(DetailView):
    queryset = Person.objects.for_detail()
