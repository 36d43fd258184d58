from django.urls import path, register_converter

from . import converters, views
from .feeds import CollectionRecordsFeed, NewRecordsFeed
from .views.exports import record_export

register_converter(converters.ReferenceCodeConverter, "reference")

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("feed/", NewRecordsFeed(), name="record_feed"),
    path("records/", views.RecordListView.as_view(), name="record_list"),
    path("records/export.<str:format>", record_export, name="record_export"),
    path("records/<reference:reference>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("records/<reference:reference>/cite.bib", views.record_bibtex, name="record_bibtex"),
    path("records/<reference:reference>/cite.ris", views.record_ris, name="record_ris"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("collections/", views.collection_list, name="collection_list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection_detail"),
    path("collections/<slug:slug>/feed/", CollectionRecordsFeed(), name="collection_feed"),
    path("subjects/", views.SubjectListView.as_view(), name="subject_list"),
    path("subjects/<slug:slug>/", views.SubjectDetailView.as_view(), name="subject_detail"),
]
