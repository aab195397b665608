from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from scholargate import views

urlpatterns = [
    path("", views.language_redirect, name="root"),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("methods/", include("methods.urls")),
    path("compare/", include("compare.urls")),
    prefix_default_language=True,
)

handler404 = "scholargate.views.page_not_found"
handler500 = "scholargate.views.server_error"
