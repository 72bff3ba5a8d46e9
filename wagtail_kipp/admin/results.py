"""The secretariat's results screens: ranking, decisions, publication, agreement, exports, objections."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from . import results_reports as reports
from . import results_views as views
from .results_common import SecretariatMenuItem
from .results_objections import ObjectionViewSet


class ResultsViewSet(ViewSet):
    """
    Per round and result stage: the ranking with compute / accept / publish, decisions, explanations, the
    jurors' agreement report and the downloads (URL names in the ``kipp_results`` namespace).
    """

    name = "kipp_results"
    url_prefix = "kipp/results"
    icon = "list-ol"
    menu_label = _("Results")
    menu_item_class = SecretariatMenuItem

    def get_urlpatterns(self):
        stage = "<int:competition_pk>/<slug:stage>/"
        return [
            path("", views.RoundsView.as_view(), name="index"),
            path("<int:competition_pk>/", views.RoundView.as_view(), name="round"),
            path(stage, views.RankingView.as_view(), name="ranking"),
            path(f"{stage}results/", views.RankingView.as_view(results_only=True), name="ranking_results"),
            path(f"{stage}compute/", views.ComputeView.as_view(), name="compute"),
            path(f"{stage}accept/", views.AcceptSuggestionsView.as_view(), name="accept"),
            path(f"{stage}publish/", views.PublishView.as_view(), name="publish"),
            path(f"{stage}close-scoring/", views.CloseScoringView.as_view(), name="close_scoring"),
            path(f"{stage}agreement/", reports.AgreementView.as_view(), name="agreement"),
            path(f"{stage}scores/", reports.ScoresExportView.as_view(), name="scores"),
            path("result/<int:pk>/", views.ExplanationView.as_view(), name="explain"),
            path("result/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
        ]


VIEWSETS: list = [ResultsViewSet(), ObjectionViewSet()]
