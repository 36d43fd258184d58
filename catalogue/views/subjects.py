from django.views.generic import DetailView, ListView

from ..models import Subject


class SubjectListView(ListView):
    queryset = Subject.objects.with_record_counts()


class SubjectDetailView(DetailView):
    queryset = Subject.objects.for_detail()
