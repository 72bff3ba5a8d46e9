"""URLs of the jury portal; include them in the site's URLconf, e.g. ``path("jury/", include(...))``."""

app_name = "wagtail_kipp_jury"

urlpatterns: list = []
