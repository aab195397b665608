from django.urls import path

from methods import views

app_name = "methods"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("suggest/", views.suggest, name="suggest"),
    path("<slug:slug>/", views.detail, name="detail"),
]
