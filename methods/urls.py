from django.urls import path

from methods import exports, views

app_name = "methods"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("suggest/", views.suggest, name="suggest"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/v/<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/history/", views.history, name="history"),
    path(
        "<slug:slug>/references.bib", exports.references_bibtex, name="references-bib"
    ),
    path("<slug:slug>/references.ris", exports.references_ris, name="references-ris"),
]
