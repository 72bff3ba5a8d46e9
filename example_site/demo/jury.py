"""
The demo's jury: juror accounts, the finished round judged from desk evaluation to winners (published, with
an objection and the awards on the innovation records), and the health round in the middle of its desk
evaluation (some reviews submitted, some drafts, one declared conflict).

Everything goes through the jury's services, then gets the dates of the round's stages. Idempotent: a
round whose final results are published, or whose assignments exist, is left as it is.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from wagtail_kipp.judging import criteria_presets, objections, panel, results, reviews
from wagtail_kipp.models import (
    Assignment,
    CompetitionPage,
    ConflictOfInterest,
    Decision,
    Entry,
    EntryStatus,
    FieldVisit,
    InnovationPage,
    InterviewSlot,
    Objection,
    PanelMember,
    ReviewStatus,
    StageResult,
    StageState,
)

from .generate import FINISHED_ROUND_TIERS

JURY_PASSWORD = "kipp-juri-2026"  # noqa: S105 - a published login of the local demo
SEED = 2026


@dataclass(frozen=True)
class Juror:
    username: str
    first_name: str
    last_name: str
    role: str
    affiliation: str
    institution: str
    organisation: str = ""
    #: Added to every score: a lenient (+) or severe (-) juror.
    leniency: float = 0.0
    note: str = ""


JURORS = [
    Juror(
        "juri-ketua",
        "Prof. Dr. Bambang",
        "Sutrisno, M.Si.",
        "chair",
        "academic",
        "Universitas Sukamaju",
        note="chair: conflicts of the round, reopen reviews, close scoring",
    ),
    Juror(
        "juri-akademisi",
        "Dr. Sri",
        "Lestari, M.P.A.",
        "evaluator",
        "academic",
        "Universitas Sukamaju",
        leniency=-0.2,
        note="evaluator; all reviews of the health round submitted",
    ),
    Juror(
        "juri-lsm",
        "Andreas",
        "Siregar",
        "panelist",
        "ngo",
        "Yayasan Warga Peduli Layanan",
        leniency=0.2,
        note="panelist; drafts in the health round",
    ),
    Juror(
        "juri-jurnalis",
        "Maya",
        "Kartika",
        "panelist",
        "journalist",
        "Harian Suara Sukamaju",
        leniency=0.1,
        note="panelist; declared a conflict in the health round",
    ),
    Juror(
        "juri-bappeda",
        "Ir. Hendra",
        "Wijaya, M.T.",
        "evaluator",
        "government",
        "Bapperida Kota Sukamaju",
        organisation="badan-perencanaan-riset-dan-inovasi-daerah",
        leniency=-0.1,
    ),
]

#: The finished round: stages each juror judges.
FINISHED_STAGES = {
    "juri-ketua": ["desk_evaluation", "interview", "field_verification"],
    "juri-akademisi": ["desk_evaluation", "field_verification"],
    "juri-lsm": ["desk_evaluation", "interview"],
    "juri-jurnalis": ["desk_evaluation", "interview"],
    "juri-bappeda": ["desk_evaluation", "field_verification"],
}
#: How good each proposal of the finished round is (on a 1-10 scale), best first.
FINISHED_QUALITY = {
    "sahabat-jiwa-puskesmas-candirejo": 9.0,
    "jempol-emas-kelurahan-sidomulyo": 8.5,
    "toss-tb-puskesmas-candirejo": 8.1,
    "bergotong-kelurahan-sidomulyo": 7.8,
    "blk-keliling-kecamatan-sukamaju-timur": 7.5,
}
OVERRIDE_REASONS = {
    "finalis": "Penghargaan finalis sesuai keputusan rapat pleno Tim Panel Independen.",
    "favorit": "Inovasi favorit pilihan publik (pemungutan suara daring 1-7 Oktober 2025).",
}
OBJECTION = {
    "filer_name": "Sutarno",
    "filer_email": "sutarno.warga@example.com",
    "filer_phone": "0813-2233-4455",
    "grounds": (
        "Menurut pengamatan saya, bank sampah yang disebut dalam proposal sudah tidak aktif sejak awal "
        "tahun. Mohon diverifikasi di lapangan sebelum ditetapkan sebagai finalis."
    ),
}
OBJECTION_OUTCOME = (
    "Sanggahan tidak diterima. Tim verifikasi mengunjungi lokasi pada 3 September 2025: tiga unit bank "
    "sampah aktif melayani warga setiap Sabtu, dengan buku tabungan dan catatan penimbangan terbaru."
)
CONFLICT_REASON = "Adik kandung saya bekerja sebagai perawat di puskesmas pengusul."


def load_jury(rounds_loader) -> None:
    """Called by the round loader after the proposals exist."""
    JuryLoader(rounds_loader).run()


class JuryLoader:
    def __init__(self, rounds_loader):
        self.rl = rounds_loader
        self.progress = rounds_loader.progress
        self.secretariat = rounds_loader.secretariat
        self.organisations = rounds_loader.loader.organisations

    def run(self) -> None:
        with transaction.atomic():
            self.users = self.load_accounts()
            self.judge_finished_round(self.rl.finished_round)
            self.judge_evaluation_round(self.rl.evaluation_round)

    # accounts

    def load_accounts(self) -> dict[str, object]:
        user_model = get_user_model()
        users = {}
        hashed = None
        for juror in JURORS:
            user = user_model.objects.filter(username=juror.username).first()
            if user is None:
                hashed = hashed or make_password(JURY_PASSWORD)
                user = user_model.objects.create(
                    username=juror.username,
                    email=f"{juror.username}@juri.sukamaju.example",
                    first_name=juror.first_name,
                    last_name=juror.last_name,
                    password=hashed,
                )
            elif not user.check_password(JURY_PASSWORD) or not user.is_active:
                user.set_password(JURY_PASSWORD)
                user.is_active = True
                user.save()
            users[juror.username] = user
        return users

    def seat(self, competition: CompetitionPage, stages: dict[str, list[str]], pledged: datetime.datetime):
        members = {}
        for juror in JURORS:
            if juror.username not in stages:
                continue
            user = self.users[juror.username]
            member, _created = PanelMember.objects.get_or_create(
                competition=competition,
                email=user.email,
                defaults={
                    "user": user,
                    "name": f"{juror.first_name} {juror.last_name}",
                    "role": juror.role,
                    "affiliation": juror.affiliation,
                    "institution": juror.institution,
                    "organisation": self.organisations.get(juror.organisation),
                    "stage_kinds": stages[juror.username],
                    "pledge_accepted_at": pledged,
                },
            )
            members[juror.username] = member
        return members

    # scoring

    def score(
        self, member: PanelMember, assignment: Assignment, quality: float, *, submit: bool, rng, now=None
    ) -> None:
        juror = next(j for j in JURORS if j.username == member.user.username)
        values = {}
        for criterion in reviews.criteria_for(assignment):
            if criterion.high == 1:  # a checklist item: seen on site or not
                values[criterion.key] = 1 if quality + rng.uniform(-1.5, 1.5) >= 7.0 else 0
            else:
                raw = quality + juror.leniency + rng.uniform(-0.5, 0.5)
                values[criterion.key] = max(criterion.low, min(criterion.high, round(raw)))
        comment = (
            "Inovasi relevan dan terukur; bukti dampak sebelum-sesudah perlu diperjelas."
            if quality < 8.5
            else "Sangat kuat: data hasil jelas, sudah direplikasi dan didukung anggaran daerah."
        )
        recommendation = "advance" if quality >= 7.6 else "discuss"
        saved = reviews.save_review(
            member.user,
            assignment,
            based_on_version=assignment.version,
            values=values,
            overall_comment=comment,
            recommendation=recommendation,
            now=now,
        )
        if submit:
            reviews.submit_review(member.user, saved, now=now)

    def run_stage(self, competition, kind: str, members, quality, rng) -> None:
        panel.run_assignment(self.secretariat, competition, kind)
        stage = competition.get_stage(kind)
        during = stage.opens_at + (stage.closes_at - stage.opens_at) / 2
        for assignment in Assignment.objects.filter(
            entry__competition=competition, stage_kind=kind
        ).select_related("panel_member__user", "entry"):
            self.score(
                assignment.panel_member,
                assignment,
                quality(assignment.entry),
                submit=True,
                rng=rng,
                now=during,
            )
        chair = members["juri-ketua"]
        results.close_scoring(chair.user, competition, kind)
        results.compute_stage(self.secretariat, competition, kind)

    # the finished round

    def judge_finished_round(self, competition: CompetitionPage) -> None:
        if results.is_published(competition, "final"):
            final = list(
                StageResult.objects.filter(entry__competition=competition, stage_kind="final").select_related(
                    "entry__innovation"
                )
            )
            results.record_awards(competition, final)  # the catalogue may have been reloaded
            return
        entries = list(Entry.objects.filter(competition=competition, status=EntryStatus.ELIGIBLE))
        if not entries:
            return
        stage = {s.kind: s for s in competition.stages.all()}
        for kind in ("desk_evaluation", "interview", "field_verification"):
            criteria_presets.apply_preset(competition, kind)
        competition = CompetitionPage.objects.get(pk=competition.pk)
        members = self.seat(competition, FINISHED_STAGES, stage["desk_evaluation"].opens_at)
        rng = random.Random(f"{SEED}-finished-jury")
        slug_of = {entry.pk: entry.innovation.slug if entry.innovation else "" for entry in entries}

        def quality(entry):
            return FINISHED_QUALITY.get(slug_of.get(entry.pk, ""), 8.0)

        publish = {}
        self.run_stage(competition, "desk_evaluation", members, quality, rng)
        results.accept_suggestions(self.secretariat, competition, "desk_evaluation")
        publish["desk_evaluation"] = stage["finalists"].opens_at
        results.publish_stage(
            self.secretariat, competition, "desk_evaluation", now=publish["desk_evaluation"]
        )

        target = next((e for e in entries if slug_of[e.pk] == "bergotong-kelurahan-sidomulyo"), None)
        if target is not None:
            filed = stage["objection"].opens_at + datetime.timedelta(days=1, hours=10)
            objection = objections.file_objection(competition, target, now=filed, **OBJECTION)
            objections.resolve_objection(self.secretariat, objection, "rejected", OBJECTION_OUTCOME)
            Objection.objects.filter(pk=objection.pk).update(
                created_at=filed, resolved_at=stage["objection"].closes_at - datetime.timedelta(hours=6)
            )

        for position, entry in enumerate(sorted(entries, key=quality, reverse=True)):
            day = stage["interview"].opens_at + datetime.timedelta(
                days=position // 3, hours=2 * (position % 3)
            )
            InterviewSlot.objects.get_or_create(
                entry=entry,
                defaults={
                    "starts_at": day,
                    "duration_minutes": 30,
                    "place": "Ruang Rapat Bagian Organisasi, Balai Kota Sukamaju",
                    "online_url": "https://meet.example/kipp-2025-presentasi",
                },
            )
        self.run_stage(competition, "interview", members, quality, rng)
        results.accept_suggestions(self.secretariat, competition, "interview")
        publish["interview"] = stage["interview"].closes_at + datetime.timedelta(hours=2)
        results.publish_stage(self.secretariat, competition, "interview", now=publish["interview"])

        visitors = [members["juri-akademisi"], members["juri-bappeda"]]
        for position, entry in enumerate(entries):
            visit, created = FieldVisit.objects.get_or_create(
                entry=entry,
                defaults={
                    "visit_at": stage["field_verification"].opens_at + datetime.timedelta(hours=3 * position),
                    "place": entry.organisation.name,
                },
            )
            if created:
                visit.members.set(visitors)
        self.run_stage(competition, "field_verification", members, quality, rng)
        results.accept_suggestions(self.secretariat, competition, "field_verification")
        publish["field_verification"] = stage["field_verification"].closes_at + datetime.timedelta(hours=2)
        results.publish_stage(
            self.secretariat, competition, "field_verification", now=publish["field_verification"]
        )

        results.compute_stage(self.secretariat, competition, "final")
        for result in StageResult.objects.filter(entry__competition=competition, stage_kind="final"):
            tier = FINISHED_ROUND_TIERS.get(slug_of.get(result.entry_id, ""))
            if tier is None:
                continue
            decision = Decision.ADVANCE
            reason = "" if result.suggestion == decision else OVERRIDE_REASONS.get(tier, "Keputusan TPI.")
            results.decide(self.secretariat, result, decision, reason=reason, award_tier=tier)
        results.accept_suggestions(self.secretariat, competition, "final")
        publish["final"] = stage["final"].opens_at + datetime.timedelta(hours=6)
        results.publish_stage(self.secretariat, competition, "final", now=publish["final"])
        self.date_back(competition, stage, publish)
        self.keep_live_records(competition)
        self.progress(f"  {competition.title}: judged by {len(members)} jurors, results published")

    def keep_live_records(self, competition: CompetitionPage) -> None:
        """
        Publishing drafted new revisions of the winners' existing innovation pages from their proposals; the
        demo's editor keeps the catalogue's text (and the awards now recorded) and publishes that.
        """
        for page in InnovationPage.objects.filter(
            entries__competition=competition, has_unpublished_changes=True, live=True
        ).distinct():
            page.save_revision(log_action=False).publish(log_action=False)

    def date_back(self, competition, stage, publish) -> None:
        """The services stamp the present; give the jury's work the dates of the round's stages."""
        for kind, published in publish.items():
            judged = stage.get(kind)
            closes = judged.closes_at if judged else published
            StageState.objects.filter(competition=competition, stage_kind=kind).update(
                scoring_closed_at=min(closes, published), computed_at=published, published_at=published
            )
            StageResult.objects.filter(entry__competition=competition, stage_kind=kind).update(
                computed_at=published, decided_at=published
            )
            if judged and kind != "final":
                rng = random.Random(f"{SEED}-dates-{kind}")
                for assignment in Assignment.objects.filter(entry__competition=competition, stage_kind=kind):
                    done = judged.opens_at + (judged.closes_at - judged.opens_at) * rng.uniform(0.3, 0.95)
                    Assignment.objects.filter(pk=assignment.pk).update(
                        created_at=judged.opens_at, updated_at=done, submitted_at=done
                    )
        PanelMember.objects.filter(competition=competition).update(
            created_at=stage["desk_evaluation"].opens_at
        )

    # the round in evaluation

    def judge_evaluation_round(self, competition: CompetitionPage) -> None:
        if Assignment.objects.filter(entry__competition=competition).exists():
            return
        entries = list(
            Entry.objects.filter(competition=competition, status=EntryStatus.ELIGIBLE).order_by("pk")
        )
        if not entries:
            return
        criteria_presets.apply_preset(competition, "desk_evaluation")
        competition = CompetitionPage.objects.get(pk=competition.pk)
        desk = competition.get_stage("desk_evaluation")
        stages = {
            username: ["desk_evaluation"]
            for username in ("juri-ketua", "juri-akademisi", "juri-lsm", "juri-jurnalis")
        }
        members = self.seat(competition, stages, desk.opens_at)
        panel.run_assignment(self.secretariat, competition, "desk_evaluation")
        rng = random.Random(f"{SEED}-evaluation-jury")
        quality = {entry.pk: rng.uniform(6.5, 9.0) for entry in entries}
        jurnalis = members["juri-jurnalis"]
        conflicted = next(
            (a.entry for a in Assignment.objects.filter(panel_member=jurnalis).select_related("entry")), None
        )
        if conflicted is not None:
            panel.declare_conflict(jurnalis.user, jurnalis, conflicted, CONFLICT_REASON)
        for assignment in Assignment.objects.filter(entry__competition=competition).select_related(
            "panel_member__user"
        ):
            username = assignment.panel_member.user.username
            if username == "juri-akademisi":
                self.score(
                    assignment.panel_member, assignment, quality[assignment.entry_id], submit=True, rng=rng
                )
            elif username in ("juri-lsm", "juri-jurnalis") and rng.random() < 0.6:
                self.score(
                    assignment.panel_member,
                    assignment,
                    quality[assignment.entry_id],
                    submit=rng.random() < 0.5,
                    rng=rng,
                )
        now = timezone.now()
        started = max(desk.opens_at, now - datetime.timedelta(days=10))
        for assignment in Assignment.objects.filter(entry__competition=competition):
            done = started + (now - started) * rng.uniform(0.2, 0.9)
            values = {"created_at": desk.opens_at, "updated_at": done}
            if assignment.status == ReviewStatus.SUBMITTED:
                values["submitted_at"] = done
            Assignment.objects.filter(pk=assignment.pk).update(**values)
        ConflictOfInterest.objects.filter(panel_member__competition=competition).update(
            created_at=started + datetime.timedelta(days=1)
        )
        PanelMember.objects.filter(competition=competition).update(created_at=desk.opens_at)
        self.progress(f"  {competition.title}: desk evaluation under way ({len(members)} jurors)")


def logins() -> list[tuple[str, str, str]]:
    return [
        (juror.username, JURY_PASSWORD, f"juror ({juror.role}), {juror.note}; jury portal /jury/")
        for juror in JURORS
        if juror.note
    ]
