from django.urls import path, re_path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.FestivalList.as_view(), name="festival_list"),
    path("add/", views.FestivalEdit.as_view(), name="festival_add"),
    path("<slug:slug>/", views.summary_page, name="summary"),
    path("<slug:slug>/edit/", views.FestivalEdit.as_view(), name="festival_edit"),
    path("<slug:slug>/bulletin/", views.bulletin_page, name="bulletin"),
    path("<slug:slug>/bulletin.pdf", views.bulletin_pdf, name="bulletin_pdf"),
    path("<slug:slug>/bulletin.docx", views.bulletin_docx, name="bulletin_docx"),
    path("<slug:slug>/bulletin/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("<slug:slug>/publish/", views.publish_page, name="publish"),
    re_path(
        r"^(?P<slug>[-\w]+)/publications/(?P<number>[0-9]{1,9})/$",
        views.publication_page,
        name="publication",
    ),
    re_path(
        r"^(?P<slug>[-\w]+)/publications/(?P<number>[0-9]{1,9})/(?P<lang>zh|en)\.(?P<kind>pdf|docx)$",
        views.publication_file,
        name="publication_file",
    ),
]
