"""URLs of the jury portal; include them in the site's URLconf, e.g. ``path("jury/", include(...))``."""

from django.urls import path

from .views import chair, dashboard, evidence, reviews

app_name = "wagtail_kipp_jury"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("rounds/<int:competition_id>/pledge/", dashboard.PledgeView.as_view(), name="pledge"),
    # the score sheet
    path("reviews/<int:pk>/", reviews.ReviewView.as_view(), name="review"),
    path(
        "reviews/<int:pk>/files/<str:slot>/",
        reviews.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("reviews/<int:pk>/evidence/", evidence.EvidenceUploadView.as_view(), name="evidence_upload"),
    path(
        "reviews/<int:pk>/evidence/<int:evidence_id>/",
        evidence.EvidenceDownloadView.as_view(),
        name="evidence_download",
    ),
    path(
        "reviews/<int:pk>/evidence/<int:evidence_id>/delete/",
        evidence.EvidenceDeleteView.as_view(),
        name="evidence_delete",
    ),
    path(
        "rounds/<int:competition_id>/entries/<uuid:uuid>/conflict/",
        reviews.DeclareConflictView.as_view(),
        name="declare_conflict",
    ),
    # the chair
    path("rounds/<int:competition_id>/chair/", chair.ChairView.as_view(), name="chair"),
    path(
        "rounds/<int:competition_id>/chair/reviews/<int:pk>/reopen/",
        chair.ReopenReviewView.as_view(),
        name="reopen_review",
    ),
    path(
        "rounds/<int:competition_id>/chair/stages/<str:stage_kind>/close/",
        chair.CloseScoringView.as_view(),
        name="close_scoring",
    ),
]
