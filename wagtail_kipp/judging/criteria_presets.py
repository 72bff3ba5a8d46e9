# ruff: noqa: E501 - the criteria's guidance is prose, one item per line
"""
The national scoring rubrics, ready to copy into a round: the five KIPP criteria for the desk evaluation,
70% substance / 30% presentation for interviews, and the field-verification checklist.

Weights are not published nationally; the equal weights here are a starting point for the secretariat.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import CompetitionPage, Criterion, CriterionKind, StageKind

#: stage kind -> list of criteria (key, Indonesian name, English name, guidance id, guidance en, kind, weight, min, max)
PRESETS: dict[str, list[dict]] = {
    StageKind.DESK_EVALUATION: [
        {
            "key": "kebaruan",
            "name": "Kebaruan",
            "name_en": "Novelty",
            "guidance": "Seberapa baru gagasan atau cara kerjanya dibanding layanan sebelumnya dan di daerah lain.",
            "guidance_en": "How new the idea or way of working is, compared with the service before and elsewhere.",
            "weight": 20,
        },
        {
            "key": "efektif",
            "name": "Efektivitas",
            "name_en": "Effectiveness",
            "guidance": "Apakah target terukur tercapai; bukti sebelum dan sesudah.",
            "guidance_en": "Whether the measurable targets were met; evidence before and after.",
            "weight": 20,
        },
        {
            "key": "bermanfaat",
            "name": "Kemanfaatan",
            "name_en": "Benefit",
            "guidance": "Manfaat nyata bagi kelompok sasaran dan masyarakat luas.",
            "guidance_en": "Real benefit to the target group and the wider public.",
            "weight": 20,
        },
        {
            "key": "replikasi",
            "name": "Dapat direplikasi",
            "name_en": "Transferability",
            "guidance": "Apakah inovasi sudah atau dapat ditiru oleh unit atau daerah lain.",
            "guidance_en": "Whether other units or regions have copied it or could.",
            "weight": 20,
        },
        {
            "key": "keberlanjutan",
            "name": "Keberlanjutan",
            "name_en": "Sustainability",
            "guidance": "Dukungan kelembagaan, anggaran, SDM dan sosial agar inovasi tetap berjalan.",
            "guidance_en": "Institutional, budget, staff and social support that keep it running.",
            "weight": 20,
        },
    ],
    StageKind.INTERVIEW: [
        {
            "key": "substansi",
            "name": "Substansi",
            "name_en": "Substance",
            "guidance": "Isi inovasi: masalah, solusi, hasil dan bukti yang disampaikan.",
            "guidance_en": "The innovation itself: problem, solution, results and evidence presented.",
            "weight": 70,
        },
        {
            "key": "presentasi",
            "name": "Presentasi",
            "name_en": "Presentation",
            "guidance": "Kejelasan paparan, penguasaan materi dan jawaban atas pertanyaan.",
            "guidance_en": "Clarity, command of the subject and answers to questions.",
            "weight": 30,
        },
    ],
    StageKind.FIELD_VERIFICATION: [
        {
            "key": "berjalan",
            "name": "Inovasi berjalan seperti dilaporkan",
            "name_en": "The innovation runs as reported",
            "guidance": "Lihat layanan berjalan; catat bukti dan foto.",
            "guidance_en": "See the service running; note evidence and take photos.",
        },
        {
            "key": "pengguna",
            "name": "Pengguna membenarkan manfaatnya",
            "name_en": "Users confirm the benefit",
            "guidance": "Wawancarai beberapa pengguna layanan.",
            "guidance_en": "Talk to a few users of the service.",
        },
        {
            "key": "data",
            "name": "Data hasil sesuai proposal",
            "name_en": "Result data match the proposal",
            "guidance": "Bandingkan data di lapangan dengan angka di proposal.",
            "guidance_en": "Compare the data on site with the figures in the proposal.",
        },
        {
            "key": "dukungan",
            "name": "Ada dukungan kelembagaan dan anggaran",
            "name_en": "Institutional and budget support exists",
            "guidance": "Surat keputusan, anggaran, SOP.",
            "guidance_en": "Decree, budget, standard operating procedure.",
        },
    ],
}

PRESET_LABELS = {
    StageKind.DESK_EVALUATION: _("the five national criteria"),
    StageKind.INTERVIEW: _("70% substance, 30% presentation"),
    StageKind.FIELD_VERIFICATION: _("the field-verification checklist"),
}


def preset_criteria(competition: CompetitionPage, stage_kind: str) -> list[Criterion]:
    """Unsaved criteria of the preset for ``stage_kind``, for ``competition``."""
    checklist = stage_kind == StageKind.FIELD_VERIFICATION
    return [
        Criterion(
            competition=competition,
            stage_kind=stage_kind,
            key=item["key"],
            name=item["name"],
            name_en=item["name_en"],
            guidance=item["guidance"],
            guidance_en=item["guidance_en"],
            kind=CriterionKind.CHECK if checklist else CriterionKind.SCORE,
            weight=item.get("weight", 1),
            scale_min=0 if checklist else 1,
            scale_max=1 if checklist else 10,
            tie_break_order=None,
            sort_order=position,
        )
        for position, item in enumerate(PRESETS[stage_kind])
    ]


@transaction.atomic
def apply_preset(competition: CompetitionPage, stage_kind: str) -> int:
    """
    Give a stage of the round the preset criteria when it has none; returns how many were added.

    The criteria are added to the round's latest revision too, so that publishing the page keeps them.
    """
    if Criterion.objects.filter(competition=competition, stage_kind=stage_kind).exists():
        return 0
    created = Criterion.objects.bulk_create(preset_criteria(competition, stage_kind))
    page = competition.specific
    latest = page.get_latest_revision_as_object()
    had_draft = page.has_unpublished_changes
    for criterion in Criterion.objects.filter(pk__in=[c.pk for c in created]):
        latest.criteria.add(criterion)
    revision = latest.save_revision(clean=False, log_action=False, changed=False)
    if page.live and not had_draft:
        revision.publish(log_action=False)
    return len(created)
