"""URLs of the entrant portal; include them in the site's URLconf, e.g. ``path("portal/", include(...))``."""

from django.urls import path

from .views import accounts, attachments, dashboard, entries, sinovik

app_name = "wagtail_kipp_portal"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    # accounts
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", accounts.AcceptInvitationView.as_view(), name="accept_invitation"),
    path("signup/", accounts.SignupView.as_view(), name="signup"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    # entries
    path("rounds/<int:competition_id>/new/", entries.EntryCreateView.as_view(), name="entry_create"),
    path("entries/<uuid:uuid>/", entries.EntryEditView.as_view(), name="entry_edit"),
    path("entries/<uuid:uuid>/autosave/", entries.AutosaveView.as_view(), name="entry_autosave"),
    path("entries/<uuid:uuid>/submit/", entries.SubmitView.as_view(), name="entry_submit"),
    path("entries/<uuid:uuid>/receipt/", entries.ReceiptView.as_view(), name="entry_receipt"),
    path("entries/<uuid:uuid>/status/", entries.StatusView.as_view(), name="entry_status"),
    path(
        "entries/<uuid:uuid>/sinovik.pdf",
        sinovik.SinovikDownloadView.as_view(export_format="pdf"),
        name="entry_sinovik_pdf",
    ),
    path(
        "entries/<uuid:uuid>/sinovik.json",
        sinovik.SinovikDownloadView.as_view(export_format="json"),
        name="entry_sinovik_json",
    ),
    path("entries/<uuid:uuid>/<str:action>/", entries.TransitionView.as_view(), name="entry_transition"),
    path(
        "entries/<uuid:uuid>/conflicts/<int:conflict_id>/resolve/",
        entries.ResolveConflictView.as_view(),
        name="entry_resolve_conflict",
    ),
    # attachments
    path("entries/<uuid:uuid>/files/<str:slot>/", attachments.UploadView.as_view(), name="attachment_upload"),
    path(
        "entries/<uuid:uuid>/files/<str:slot>/download/",
        attachments.DownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "entries/<uuid:uuid>/files/<str:slot>/delete/",
        attachments.DeleteView.as_view(),
        name="attachment_delete",
    ),
]
