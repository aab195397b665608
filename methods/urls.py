from django.urls import path

from methods import views

app_name = "methods"
urlpatterns = [
    path("", views.catalogue, name="list"),
    # NB: these two names cannot be entry slugs.
    path("suggest/", views.suggest, name="suggest"),
    path("tray/", views.tray_update, name="tray"),
    path("<slug:slug>/", views.detail, name="detail"),
]
