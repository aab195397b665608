from django.urls import path

from compare import views

app_name = "compare"
urlpatterns = [
    path("", views.compare_page, name="page"),
    path("slides.pptx", views.slides, name="slides"),
    path("table.csv", views.table_csv, name="csv"),
    path("references.bib", views.bibtex, name="bibtex"),
    path("references.ris", views.ris, name="ris"),
]
