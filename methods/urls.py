from django.urls import path

from methods import exports, views

app_name = "methods"
urlpatterns = [
    path("", views.catalogue, name="list"),
    # NB: these two names cannot be entry slugs.
    path("suggest/", views.suggest, name="suggest"),
    path("tray/", views.tray_update, name="tray"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/v/<int:number>/", views.version_detail, name="version"),
    path(
        "<slug:slug>/v/<int:number>/references.bib",
        exports.version_references_bibtex,
        name="version-references-bib",
    ),
    path(
        "<slug:slug>/v/<int:number>/references.ris",
        exports.version_references_ris,
        name="version-references-ris",
    ),
    path("<slug:slug>/history/", views.history, name="history"),
    path(
        "<slug:slug>/references.bib", exports.references_bibtex, name="references-bib"
    ),
    path("<slug:slug>/references.ris", exports.references_ris, name="references-ris"),
]
