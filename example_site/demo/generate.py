# ruff: noqa: E501 - sentence templates are prose, kept one sentence per line
"""Turn the concepts of ``demo.data`` into innovation records: originals plus replications by other units.

Pure Python, no database: ``build_innovations()`` returns the same list on every call (a seeded
``random.Random``), with every visible text in Indonesian and English. The loader writes the
Indonesian side to pages and hands the English side to wagtail-localize.
"""

from __future__ import annotations

import datetime
import html
import math
import random
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.utils.text import slugify

from . import data
from .data import (
    COMPETITION_LOCAL,
    COMPETITION_NATIONAL,
    COMPETITION_PROVINCE,
    COMPETITION_UNPSA,
    CONCEPTS,
    ORGANISATIONS,
    ORGS_BY_SLUG,
    OUTSIDE_REGIONS,
    THEMES_BY_SLUG,
    Concept,
    Metric,
    Org,
)
from .text import T, listing, month_year, number, quantity

SEED = 2026
LAST_YEAR = data.AS_OF[1]

#: The year of the demo's finished round and the award its jury gives each of its proposals.
FINISHED_ROUND_YEAR = 2025
FINISHED_ROUND_TIERS = {
    "sahabat-jiwa-puskesmas-candirejo": "juara_1",
    "jempol-emas-kelurahan-sidomulyo": "juara_2",
    "toss-tb-puskesmas-candirejo": "juara_3",
    "bergotong-kelurahan-sidomulyo": "finalis",
    "blk-keliling-kecamatan-sukamaju-timur": "favorit",
}
#: KIPP had no national round in 2024 (replaced by monitoring).
NO_NATIONAL_ROUND = {2024}
#: Replications generated in total; with the 52 concepts this gives 156 innovations.
REPLICATION_TARGET = 104
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
BLOCK_NAMESPACE = uuid.UUID("6f1c2a3e-2f47-4c1e-9a55-4b4f3c1d2026")


@dataclass
class AwardSpec:
    year: int
    competition: T
    level: str
    tier: str
    note: T


@dataclass
class ImageSpec:
    """A generated placeholder picture: ``key`` names it in the Demo collection."""

    key: str
    title: str
    heading: str
    subheading: str
    footer: str
    colours: tuple[str, str]
    style: str = "gradient"


@dataclass
class DocumentSpec:
    key: str
    title: T
    lines: list[str]


@dataclass
class InnovationSpec:
    slug: str
    concept: Concept
    org: Org
    origin: InnovationSpec | None
    title: T
    summary: T
    started_on: datetime.date
    stage: str
    still_running: bool
    is_digital: bool
    innovation_form: str
    initiator: str
    innovator: T
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    body: list[dict]
    video_url: str
    replicated_elsewhere: T
    image: ImageSpec
    gallery: list[tuple[ImageSpec, T]] = field(default_factory=list)
    documents: list[DocumentSpec] = field(default_factory=list)
    awards: list[AwardSpec] = field(default_factory=list)
    #: When the record went into the catalogue (a while after the innovation started).
    published_at: datetime.datetime | None = None
    #: Indonesian -> English for the strings wagtail-localize extracts from the page (its segments).
    strings: dict[str, str] = field(default_factory=dict)

    @property
    def is_replication(self) -> bool:
        return self.origin is not None


# -- sentence templates ---------------------------------------------------------------------------

HEADINGS_DESIGN = [
    T("Rancang bangun dan pokok perubahan", "Design and main changes"),
    T("Latar belakang dan perubahan yang dilakukan", "Background and what changed"),
    T("Masalah dan solusi", "The problem and the solution"),
]
HEADINGS_AIMS = [
    T("Tujuan", "Aims"),
    T("Tujuan inovasi", "What it sets out to do"),
    T("Sasaran dan tujuan", "Aims and target group"),
]
HEADINGS_BENEFITS = [
    T("Manfaat", "Benefits"),
    T("Manfaat bagi masyarakat", "Benefits for residents"),
    T("Apa manfaatnya", "What it brings"),
]
HEADINGS_RESULTS = [
    T("Hasil", "Results"),
    T("Hasil yang dicapai", "Results so far"),
    T("Dampak", "Impact"),
]
HEADINGS_REPLICATION = [
    T("Proses replikasi", "How it was replicated"),
    T("Replikasi dan penyesuaian", "Replication and adaptation"),
]
HEADINGS_SUSTAINABILITY = [
    T("Keberlanjutan", "Sustainability"),
    T("Strategi keberlanjutan", "Keeping it going"),
]

PROBLEM_TEMPLATES = [
    T("Sebelum {acr} diterapkan{where_id}, {problem}.", "Before {acr} was introduced{where_en}, {problem}."),
    T(
        "Selama bertahun-tahun {problem}. Kondisi ini paling memberatkan {target}.",
        "For years, {problem}. This weighed most heavily on {target}.",
    ),
    T(
        "Kajian yang dilakukan {org} pada {year} menunjukkan bahwa {problem}.",
        "A review carried out by {org} in {year} showed that {problem}.",
    ),
    T("Persoalan yang ingin dijawab cukup jelas: {problem}.", "The problem to solve was clear: {problem}."),
]
CHANGE_TEMPLATES = [
    T("Melalui {acr}, {org} {what}. {How}.", "Through {acr}, {org} {what}. {How}."),
    T(
        "{acr} menjawab persoalan tersebut: kini {org} {what}. Caranya, {how}.",
        "{acr} tackles this: {org} now {what}. In practice, {how}.",
    ),
    T(
        "Pokok perubahannya, {org} {what}. Alurnya sederhana: {how}.",
        "The main change is that {org} {what}. The process is simple: {how}.",
    ),
]
DIGITAL_SENTENCES = [
    T(
        "Aplikasi pendukungnya dikembangkan sendiri bersama Dinas Komunikasi dan Informatika sehingga tidak memerlukan biaya lisensi.",
        "The software was built in-house with the Communication and Informatics Agency, so there are no licence fees.",
    ),
    T(
        "Seluruh data tersimpan di pusat data pemerintah kota dan terhubung dengan Satu Data Kota Sukamaju.",
        "All data is kept in the city's data centre and linked to the Sukamaju One Data portal.",
    ),
]
MANUAL_SENTENCES = [
    T(
        "Perubahan ini tidak membutuhkan teknologi yang rumit, melainkan pembagian peran yang jelas dan komitmen petugas.",
        "The change needed no complex technology, only clear roles and committed staff.",
    ),
    T(
        "Prosedur baru ini dituangkan dalam standar operasional prosedur (SOP) yang ditetapkan dengan surat keputusan.",
        "The new procedure is set out in a standard operating procedure (SOP) adopted by decree.",
    ),
]
PARTNER_TEMPLATES = [
    T(
        "Dalam pelaksanaannya, {org} bekerja sama dengan {partners}.",
        "{Org} works with {partners} to deliver it.",
    ),
    T("Mitra utama inovasi ini adalah {partners}.", "Its main partners are {partners}."),
]
AIM_TEMPLATES = [
    T("{acr} bertujuan {aim}, terutama bagi {target}.", "{acr} aims to {aim}, especially for {target}."),
    T(
        "Tujuan utamanya adalah {aim}. Sasaran utamanya adalah {target}.",
        "Its main aim is to {aim}. It is designed above all for {target}.",
    ),
    T(
        "Inovasi ini dirancang untuk {aim}. Kelompok sasarannya adalah {target}.",
        "The innovation was designed to {aim}. Its target group is {target}.",
    ),
]
MEASURE_TEMPLATE = T("Indikator keberhasilannya: {labels}.", "Its indicators of success: {labels}.")
BENEFIT_LIST_INTRO = [
    T("Manfaat yang dirasakan antara lain:", "The main benefits are:"),
    T("Beberapa manfaat yang paling terasa:", "The benefits people notice most:"),
]
BENEFIT_PROSE = [
    T("{b1}. Selain itu, {rest}.", "{b1}. In addition, {rest}."),
    T(
        "Bagi {target}, manfaat yang paling terasa: {b1l}. {Rest}.",
        "For {target}, the most visible benefit is that {b1l}. {Rest}.",
    ),
]
DOWN_TEMPLATES = [
    T("{Label} turun dari {before} menjadi {after}.", "{Label} fell from {before} to {after}."),
    T(
        "{Label} berhasil ditekan dari {before} menjadi {after}.",
        "{Label} was brought down from {before} to {after}.",
    ),
    T(
        "Sebelumnya {label} mencapai {before}; kini tinggal {after}.",
        "{Label} used to be {before}; it is now {after}.",
    ),
]
UP_TEMPLATES = [
    T("{Label} naik dari {before} menjadi {after}.", "{Label} rose from {before} to {after}."),
    T("{Label} meningkat dari {before} menjadi {after}.", "{Label} went up from {before} to {after}."),
    T(
        "Sebelumnya {label} hanya {before}; kini mencapai {after}.",
        "{Label} was only {before} before; it now stands at {after}.",
    ),
]
REACH_TEMPLATES = [
    T("Sejak diluncurkan pada {start}, {reach}.", "Since its launch in {start}, {reach}."),
    T("Hingga {as_of}, {reach}.", "As of {as_of}, {reach}."),
]
TRIAL_INTRO = T(
    "Inovasi ini masih dalam tahap {stage}, tetapi hasil awalnya sudah terlihat.",
    "The innovation is still at the {stage} stage, but early results are already visible.",
)
STAGE_WORDS = {"inisiatif": T("inisiatif", "initiative"), "uji_coba": T("uji coba", "trial")}
SATISFACTION_TEMPLATE = T(
    "Indeks kepuasan masyarakat terhadap layanan ini mencapai {score} dari skala 100.",
    "The public satisfaction index for the service reached {score} out of 100.",
)
EVALUATION_TEMPLATE = T(
    "Angka-angka tersebut bersumber dari laporan evaluasi {year} yang disusun bersama {evaluator}.",
    "These figures come from the {year} evaluation report prepared with {evaluator}.",
)
EVALUATORS = [
    T("perguruan tinggi setempat", "a local university"),
    T("Inspektorat Daerah", "the Regional Inspectorate"),
    T("Bapperida", "the planning and research board"),
]
REPLICATION_TEMPLATES = [
    T(
        "{org} mereplikasi {acr} dari {origin} pada {year}, setelah melakukan studi tiru dan mendapat pendampingan dari tim asal.",
        "{org} replicated {acr} from {origin} in {year}, after a study visit and coaching from the original team.",
    ),
    T(
        "{acr} pertama kali dikembangkan oleh {origin}. Pada {year}, {org_l} mengadopsi model yang sama untuk wilayahnya.",
        "{acr} was first developed by {origin}. In {year}, {org_l} adopted the same model for its own area.",
    ),
]
ADAPTATIONS = [
    T(
        "Target dan jadwal kegiatan disesuaikan dengan kondisi wilayah.",
        "Targets and schedules were adjusted to local conditions.",
    ),
    T(
        "Tim menambahkan pendampingan oleh kader dan relawan setempat.",
        "The team added support from local volunteers.",
    ),
    T(
        "Formulir dan materi sosialisasi disederhanakan agar mudah dipahami warga.",
        "Forms and publicity material were simplified so residents can follow them easily.",
    ),
    T(
        "Biaya operasional ditekan dengan memanfaatkan sarana yang sudah ada.",
        "Running costs were kept down by using existing facilities.",
    ),
    T(
        "Petugas mendapat pelatihan langsung dari tim {acr} asal.",
        "Staff were trained directly by the original {acr} team.",
    ),
    T(
        "Kegiatan dijadwalkan bersama pengurus RT dan RW agar menjangkau seluruh wilayah.",
        "Activities are planned with neighbourhood heads so that every area is covered.",
    ),
]
REPLICATION_CLOSING = [
    T(
        "Hasil awal replikasi sebanding dengan inovasi asalnya.",
        "Early results are comparable with those of the original.",
    ),
    T(
        "Pengalaman replikasi ini kemudian dibagikan kepada unit lain melalui forum inovasi kota.",
        "The lessons from this replication have since been shared with other units through the city's innovation forum.",
    ),
]
SUSTAINABILITY_ITEMS = [
    T("surat keputusan kepala daerah", "a mayoral decree"),
    T("alokasi anggaran rutin dalam APBD", "a regular line in the city budget"),
    T("SOP yang ditinjau setiap tahun", "an SOP reviewed every year"),
    T("pelatihan berkala bagi petugas baru", "regular training for new staff"),
    T("forum konsultasi publik bersama warga", "public consultation forums with residents"),
    T("kemitraan dengan dunia usaha", "partnerships with business"),
]
SUSTAINABILITY_TEMPLATES = [
    T("Keberlanjutan {acr} dijamin melalui {items}.", "{acr} is kept going through {items}."),
    T(
        "{acr} telah masuk dalam rencana strategis {org}. Keberlanjutannya didukung {items}.",
        "{acr} is part of the strategic plan of {org}, backed by {items}.",
    ),
]
SUMMARY_TEMPLATES = [
    T(
        "{acr} adalah inovasi {org} yang {what}. {result}",
        "{acr} is an innovation by {org} that {what}. {result}",
    ),
    T(
        "Melalui {acr}, {org} {what}. Layanan ini ditujukan bagi {target}. {result}",
        "Through {acr}, {org} {what}. It is aimed at {target}. {result}",
    ),
    T(
        "Inovasi ini berangkat dari persoalan nyata: {problem}. Melalui {acr}, {org} {what}. {result}",
        "It grew out of a real problem: {problem}. Through {acr}, {org} {what}. {result}",
    ),
]
REPLICATION_SUMMARY = T(
    "Sejak {year}, {org} menerapkan {acr}, replikasi dari inovasi {origin}. Melalui inovasi ini, {org_short} {what}. {result}",
    "Since {year}, {org} has run {acr}, a replication of an innovation by {origin}. Through it, {org_short} {what}. {result}",
)
CAPTIONS = [
    T("Petugas {acr} melayani warga", "{acr} staff serving residents"),
    T("Sosialisasi {acr} kepada pengurus RT dan RW", "Introducing {acr} to neighbourhood heads"),
    T("Rapat evaluasi {acr} bersama mitra", "{acr} review meeting with partners"),
    T("Pelatihan petugas dan kader {acr}", "Training {acr} staff and volunteers"),
    T("Kunjungan tim penilai KIPP ke lokasi {acr}", "KIPP judges visiting {acr} in the field"),
    T("Warga memanfaatkan layanan {acr}", "Residents using {acr}"),
]
DOCUMENT_TITLES = [
    T("Laporan evaluasi {acr} tahun {year}", "{acr} evaluation report {year}"),
    T("SK Tim Inovasi {acr}", "Decree appointing the {acr} innovation team"),
    T("Standar operasional prosedur {acr}", "{acr} standard operating procedure"),
]
TEAM_NAME = T("Tim Inovasi {short}", "Innovation team, {en}")
NOTE_LOCAL = T("Kategori {theme}", "{theme_en} category")
NOTE_REPLICATION = T("Kelompok replikasi", "Replication group")
NOTE_GENERAL = T("Kelompok umum", "General group")
NOTE_UNPSA = T("Diusulkan oleh KemenPANRB", "Nominated by KemenPANRB")
YOUTUBE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


# -- generation -----------------------------------------------------------------------------------


class Generator:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.titles: set[str] = set()
        self.slugs: set[str] = set()

    # helpers --------------------------------------------------------------------------------------

    def choice(self, options):
        return options[self.rng.randrange(len(options))]

    def block_id(self, slug: str, index: int) -> str:
        return str(uuid.uuid5(BLOCK_NAMESPACE, f"{slug}/{index}"))

    # records --------------------------------------------------------------------------------------

    def build(self) -> list[InnovationSpec]:
        originals = [self.original(concept) for concept in CONCEPTS]
        replications = self.replications(originals)
        for spec in originals + replications:
            self.add_awards(spec)
            self.settle_round_awards(spec)
        return originals + replications

    def settle_round_awards(self, spec: InnovationSpec) -> None:
        """The awards of the demo's finished round are those its jury decides (see ``demo.jury``)."""
        tier = FINISHED_ROUND_TIERS.get(spec.slug)
        if tier is None:
            return
        year = FINISHED_ROUND_YEAR
        others = [a for a in spec.awards if not (a.year == year and a.level == "lokal")]
        note = NOTE_REPLICATION if spec.is_replication else NOTE_GENERAL
        spec.awards = sorted(
            [*others, AwardSpec(year, COMPETITION_LOCAL, "lokal", tier, note)], key=lambda a: a.year
        )

    def original(self, concept: Concept) -> InnovationSpec:
        org = ORGS_BY_SLUG[concept.owner]
        started = self.start_date(concept.year)
        title = T(f"{concept.acronym}: {concept.name.id}", f"{concept.acronym}: {concept.name.en}")
        return self.record(concept, org, None, concept.key, title, started, concept.metrics, concept.reach[0])

    def replications(self, originals: list[InnovationSpec]) -> list[InnovationSpec]:
        pools = {
            kind: [org for org in ORGANISATIONS if org.kind == kind]
            for kind in ("kecamatan", "kelurahan", "puskesmas", "sekolah", "rsud")
        }
        candidates = [
            spec for spec in originals if spec.concept.replicators and spec.started_on.year < LAST_YEAR
        ]
        plan: dict[str, list[Org]] = {spec.slug: [] for spec in candidates}
        used: dict[str, int] = {}
        # Round-robin over the concepts, so that every replicable concept gets some and popular ones more.
        total = 0
        rounds = 0
        while total < REPLICATION_TARGET and rounds < 12:
            rounds += 1
            for spec in candidates:
                if total >= REPLICATION_TARGET:
                    break
                if rounds > 1 and self.rng.random() < 0.35:
                    continue
                options = [
                    org
                    for kind in spec.concept.replicators
                    for org in pools[kind]
                    if org.slug != spec.org.slug and org not in plan[spec.slug]
                ]
                if not options:
                    continue
                least = min(used.get(org.slug, 0) for org in options)
                options = [org for org in options if used.get(org.slug, 0) <= least + 1]
                org = self.choice(options)
                plan[spec.slug].append(org)
                used[org.slug] = used.get(org.slug, 0) + 1
                total += 1
        result = []
        for origin in candidates:
            for org in plan[origin.slug]:
                result.append(self.replication(origin, org))
        return result

    def replication(self, origin: InnovationSpec, org: Org) -> InnovationSpec:
        concept = origin.concept
        first = origin.started_on.year + 1
        year = self.rng.randint(first, min(LAST_YEAR, first + 5))
        started = self.start_date(year)
        place = org.title_place
        variant = self.rng.random()
        if variant < 0.7:
            title = T(
                f"{concept.acronym} {place.id}: {concept.name.id}",
                f"{concept.acronym} {place.en}: {concept.name.en}",
            )
        else:
            title = T(
                f"Replikasi {concept.acronym} di {org.name}: {concept.name.id}",
                f"{concept.acronym} at {org.en_plain}: {concept.name.en}",
            )
        slug = f"{concept.key}-{org.slug}"
        metrics = tuple(self.vary_metric(metric) for metric in concept.metrics)
        reach = nice(concept.reach[0] * self.rng.uniform(0.08, 0.35))
        return self.record(concept, org, origin, slug, title, started, metrics, reach)

    def start_date(self, year: int) -> datetime.date:
        last_month = data.AS_OF[0] - 1 if year == LAST_YEAR else 12
        return datetime.date(year, self.rng.randint(1, last_month), self.rng.randint(1, 28))

    def record(
        self,
        concept: Concept,
        org: Org,
        origin: InnovationSpec | None,
        slug: str,
        title: T,
        started: datetime.date,
        metrics: tuple[Metric, ...],
        reach: float,
    ) -> InnovationSpec:
        slug = slugify(slug)
        assert slug not in self.slugs, slug  # noqa: S101 - a programming error in the demo data
        assert title.id not in self.titles, title.id  # noqa: S101
        self.slugs.add(slug)
        self.titles.add(title.id)

        stage = self.stage_for(started)
        age = LAST_YEAR - started.year
        still_running = not (age >= 4 and self.rng.random() < 0.12)
        strings: dict[str, str] = {}
        spec = InnovationSpec(
            slug=slug,
            concept=concept,
            org=org,
            origin=origin,
            title=title,
            summary=T("", ""),
            started_on=started,
            stage=stage,
            still_running=still_running,
            is_digital=concept.digital,
            innovation_form=concept.form,
            initiator=concept.initiator
            if origin is None
            else self.choice(["opd", "asn", "asn", concept.initiator]),
            innovator=self.innovator(org),
            themes=concept.themes,
            sdgs=concept.sdgs,
            body=[],
            video_url="",
            replicated_elsewhere=T("", ""),
            image=self.main_image(slug, title, concept, org, started),
            strings=strings,
        )
        published = datetime.datetime.combine(
            started + datetime.timedelta(days=self.rng.randint(30, 120)),
            datetime.time(9, self.rng.randint(0, 59)),
        )
        spec.published_at = min(published, datetime.datetime(LAST_YEAR, data.AS_OF[0], 28, 9, 0)).replace(
            tzinfo=WIB
        )
        context = Context(self, spec, metrics, reach)
        spec.body = context.body()
        spec.summary = context.summary()
        if self.rng.random() < 0.3 or (origin is None and concept.track):
            spec.video_url = "https://www.youtube.com/watch?v=" + "".join(
                self.choice(YOUTUBE_ALPHABET) for _ in range(11)
            )
        if origin is None and (concept.track or self.rng.random() < 0.15):
            count = self.rng.randint(2, 4) if concept.track else self.rng.randint(1, 2)
            regions = self.rng.sample(OUTSIDE_REGIONS, count)
            spec.replicated_elsewhere = T("\n".join(r.id for r in regions), "\n".join(r.en for r in regions))
        if self.rng.random() < 0.3:
            spec.gallery = self.gallery(spec)
        if self.rng.random() < 0.3 or concept.track:
            spec.documents = [self.document(spec)]

        for text in (spec.title, spec.summary, spec.innovator):
            remember(strings, text)
        if spec.replicated_elsewhere.id:
            # wagtail-localize extracts a multi-line text field as HTML, one line per <br/>.
            lines = T(escape(spec.replicated_elsewhere.id), escape(spec.replicated_elsewhere.en))
            strings[lines.id.replace("\n", "<br/>")] = lines.en.replace("\n", "<br/>")
        return spec

    def stage_for(self, started: datetime.date) -> str:
        if started.year >= LAST_YEAR:
            return "inisiatif" if started.month >= 5 else "uji_coba"
        if started.year == LAST_YEAR - 1:
            return self.choice(["uji_coba", "penerapan"])
        if started.year == LAST_YEAR - 2 and self.rng.random() < 0.15:
            return "uji_coba"
        return "penerapan"

    def innovator(self, org: Org) -> T:
        if self.rng.random() < 0.35:
            return TEAM_NAME.format(short=org.short.id, en=org.en_plain)
        name = f"{self.choice(data.FIRST_NAMES)} {self.choice(data.LAST_NAMES)}"
        group = {
            "puskesmas": "health",
            "rsud": "health",
            "sekolah": "school",
            "kecamatan": "region",
            "kelurahan": "region",
        }
        template = self.choice(data.DEGREES[group.get(org.kind, "office")])
        text = template.format(name=name)
        return T(text, text)

    def vary_metric(self, metric: Metric) -> Metric:
        before = metric.before * self.rng.uniform(0.85, 1.18)
        after = metric.after * self.rng.uniform(0.8, 1.2)
        down = metric.after < metric.before
        same_unit = metric.unit_after is metric.unit
        if metric.unit is data.PERCENT:
            before, after = min(before, 99.0), min(after, 99.5)
        if same_unit and down:
            after = min(after, before * 0.85)
        elif same_unit:
            after = max(after, before * 1.15)
            if metric.unit is data.PERCENT:
                after = min(after, 99.5)
        return Metric(
            metric.label,
            nice(before, metric.decimals),
            nice(after, metric.decimals) if metric.after else 0,
            metric.unit,
            metric.after_unit,
            metric.decimals,
        )

    # pictures and documents ---------------------------------------------------------------------------

    def main_image(
        self, slug: str, title: T, concept: Concept, org: Org, started: datetime.date
    ) -> ImageSpec:
        colours = THEMES_BY_SLUG[concept.themes[0]].colours
        return ImageSpec(
            key=f"{slug}-utama",
            title=f"{title.id[:200]} (gambar utama)",
            heading=concept.acronym,
            subheading=org.name,
            footer=f"Kota Sukamaju · sejak {started.year}",
            colours=colours,
        )

    def gallery(self, spec: InnovationSpec) -> list[tuple[ImageSpec, T]]:
        count = self.rng.randint(1, 3)
        captions = self.rng.sample(CAPTIONS, count)
        colours = THEMES_BY_SLUG[spec.concept.themes[-1]].colours
        items = []
        for index, caption in enumerate(captions, start=1):
            text = caption.format(acr=spec.concept.acronym)
            image = ImageSpec(
                key=f"{spec.slug}-galeri-{index}",
                title=f"{spec.title.id[:200]} (galeri {index})",
                heading=spec.concept.acronym,
                subheading=text.id,
                footer=spec.org.name,
                colours=(colours[1], colours[0]),
                style="blocks",
            )
            items.append((image, text))
        return items

    def document(self, spec: InnovationSpec) -> DocumentSpec:
        year = min(LAST_YEAR, spec.started_on.year + 1)
        name = T(spec.concept.acronym, spec.concept.acronym)
        if spec.is_replication:
            place = spec.org.title_place
            name = T(f"{spec.concept.acronym} {place.id}", f"{spec.concept.acronym} ({place.en})")
        title = self.choice(DOCUMENT_TITLES).format(acr=name, year=year)
        lines = [
            f"{spec.org.name} - {data.GOVERNMENT_NAME}",
            spec.title.id,
            "",
            f"Mulai diterapkan: {spec.started_on:%d-%m-%Y}",
            "",
            "Dokumen contoh untuk portal demo wagtail-kipp.",
            "Seluruh organisasi, nama dan angka dalam dokumen ini fiktif.",
        ]
        return DocumentSpec(key=f"{spec.slug}-dokumen", title=title, lines=lines)

    # awards -----------------------------------------------------------------------------------------

    def add_awards(self, spec: InnovationSpec) -> None:
        track = spec.concept.track if not spec.is_replication else ""
        start = spec.started_on.year
        local_year = start + 1
        if local_year > LAST_YEAR or spec.stage == "inisiatif":
            return
        theme = THEMES_BY_SLUG[spec.themes[0]]
        local_note = (
            NOTE_REPLICATION
            if spec.is_replication
            else NOTE_LOCAL.format(theme=theme.name, theme_en=theme.name_en)
        )
        awards = []
        if track:
            awards.append(
                AwardSpec(
                    local_year,
                    COMPETITION_LOCAL,
                    "lokal",
                    self.choice(["juara_1", "juara_1", "juara_2"]),
                    local_note,
                )
            )
        elif self.rng.random() < (0.3 if spec.is_replication else 0.55):
            tier = self.choice(
                ["juara_1", "juara_2", "juara_3", "harapan", "harapan", "finalis", "finalis", "favorit"]
            )
            awards.append(AwardSpec(local_year, COMPETITION_LOCAL, "lokal", tier, local_note))
            if (
                spec.is_replication
                and tier == "juara_1"
                and local_year < LAST_YEAR
                and self.rng.random() < 0.6
            ):
                awards.append(
                    AwardSpec(local_year + 1, COMPETITION_PROVINCE, "provinsi", "harapan", NOTE_REPLICATION)
                )
        province_year = local_year + 1
        if track and province_year <= LAST_YEAR:
            tier = (
                self.choice(["juara_1", "juara_2"])
                if track != "provinsi"
                else self.choice(["juara_2", "juara_3", "harapan"])
            )
            awards.append(AwardSpec(province_year, COMPETITION_PROVINCE, "provinsi", tier, NOTE_GENERAL))
            national_year = province_year + 1
            while national_year in NO_NATIONAL_ROUND:
                national_year += 1
            if track != "provinsi" and national_year <= LAST_YEAR:
                tier = {"nasional": "top_99", "top45": "top_45", "terpuji": "terpuji", "unpsa": "top_45"}[
                    track
                ]
                awards.append(AwardSpec(national_year, COMPETITION_NATIONAL, "nasional", tier, NOTE_GENERAL))
                if track == "unpsa" and national_year + 1 <= LAST_YEAR:
                    awards.append(
                        AwardSpec(
                            national_year + 1, COMPETITION_UNPSA, "internasional", "finalis", NOTE_UNPSA
                        )
                    )
        spec.awards = awards


class Context:
    """Writes the body and summary of one record, both languages at once."""

    def __init__(self, generator: Generator, spec: InnovationSpec, metrics: tuple[Metric, ...], reach: float):
        self.g = generator
        self.rng = generator.rng
        self.spec = spec
        self.concept = spec.concept
        self.metrics = metrics
        self.reach = reach
        self.acr = spec.concept.acronym
        self.blocks: list[dict] = []

    # building blocks --------------------------------------------------------------------------------

    def section(self, heading: T, parts: list) -> None:
        """``parts``: ``T`` for a paragraph or a list of ``T`` for a bulleted list."""
        html_id, strings = [], self.spec.strings
        for part in parts:
            if isinstance(part, list):
                html_id.append("<ul>" + "".join(f"<li>{escape(item.id)}</li>" for item in part) + "</ul>")
                for item in part:
                    remember(strings, item, rich=True)
            else:
                html_id.append(f"<p>{escape(part.id)}</p>")
                remember(strings, part, rich=True)
        remember(strings, heading)
        self.add_block("section", {"heading": heading.id, "text": "".join(html_id)})

    def result_block(self, metric: Metric) -> None:
        label, before, after = metric.label, self.before(metric), self.after(metric)
        for text in (label, before, after):
            remember(self.spec.strings, text)
        self.add_block("result", {"label": label.id, "before": before.id, "after": after.id})

    def add_block(self, block_type: str, value: dict) -> None:
        block_id = self.g.block_id(self.spec.slug, len(self.blocks))
        self.blocks.append({"type": block_type, "value": value, "id": block_id})

    def before(self, metric: Metric) -> T:
        return quantity(metric.before, metric.unit, metric.decimals if metric.before % 1 else 0)

    def after(self, metric: Metric) -> T:
        unit = metric.unit_after
        if metric.after == 0 and unit is not None:
            return quantity(0, unit)
        return quantity(metric.after, unit, metric.decimals if metric.after % 1 else 0)

    @property
    def org(self) -> T:
        return self.spec.org.full

    @property
    def org_short(self) -> T:
        return self.spec.org.short

    # sections ---------------------------------------------------------------------------------------

    def body(self) -> list[dict]:
        self.design_section()
        self.aims_section()
        self.benefits_section()
        if self.spec.is_replication:
            self.replication_section()
        self.results_section()
        for metric in self.metrics[: self.rng.randint(1, 2)]:
            self.result_block(metric)
        if self.rng.random() < 0.5:
            self.sustainability_section()
        return self.blocks

    def design_section(self) -> None:
        concept, spec = self.concept, self.spec
        where = T("", "")
        if spec.is_replication:
            where = T(f" di {spec.org.name}", f" in {spec.org.en}")
        problem = self.g.choice(PROBLEM_TEMPLATES).format(
            acr=self.acr,
            where_id=where.id,
            where_en=where.en,
            problem=concept.problem,
            target=concept.target,
            org=self.org_short,
            year=spec.started_on.year - 1,
        )
        change = self.g.choice(CHANGE_TEMPLATES).format(
            acr=self.acr,
            org=self.org_short,
            what=concept.what,
            How=concept.how.cap(),
            how=concept.how,
        )
        extra = self.g.choice(DIGITAL_SENTENCES if spec.is_digital else MANUAL_SENTENCES)
        partners = self.g.choice(PARTNER_TEMPLATES).format(
            org=self.org_short, Org=T(self.org_short.id, self.org_short.en).cap(), partners=concept.partners
        )
        paragraphs = [
            problem.cap(),
            change.cap(),
            T(extra.id + " " + partners.id, extra.en + " " + partners.en),
        ]
        self.section(self.g.choice(HEADINGS_DESIGN), paragraphs)

    def aims_section(self) -> None:
        aim = self.g.choice(AIM_TEMPLATES).format(
            acr=self.acr, aim=self.concept.aim, target=self.concept.target
        )
        labels = listing([metric.label.low() for metric in self.metrics])
        measure = MEASURE_TEMPLATE.format(labels=labels)
        self.section(
            self.g.choice(HEADINGS_AIMS), [T(aim.id + " " + measure.id, aim.en + " " + measure.en).cap()]
        )

    def benefits_section(self) -> None:
        benefits = list(self.concept.benefits)
        heading = self.g.choice(HEADINGS_BENEFITS)
        if len(benefits) >= 3 and self.rng.random() < 0.5:
            self.section(heading, [self.g.choice(BENEFIT_LIST_INTRO), [b.cap() for b in benefits]])
            return
        template = self.g.choice(BENEFIT_PROSE)
        rest = listing(benefits[1:])
        text = template.format(
            b1=benefits[0].cap(), b1l=benefits[0], rest=rest, Rest=rest.cap(), target=self.concept.target
        )
        self.section(heading, [text.cap()])

    def results_section(self) -> None:
        sentences = []
        if self.spec.stage != "penerapan":
            sentences.append(TRIAL_INTRO.format(stage=STAGE_WORDS[self.spec.stage]))
        for metric in self.metrics:
            templates = DOWN_TEMPLATES if self.is_down(metric) else UP_TEMPLATES
            sentences.append(
                self.g.choice(templates).format(
                    Label=metric.label.cap(),
                    label=metric.label.low(),
                    before=self.before(metric),
                    after=self.zero_word(metric),
                )
            )
        reach_number = self.reach if self.spec.stage == "penerapan" else max(1, nice(self.reach * 0.2))
        reach = self.concept.reach[1].format(n=number(reach_number))
        as_of = month_year(*data.AS_OF)
        start = month_year(self.spec.started_on.month, self.spec.started_on.year)
        sentences.append(self.g.choice(REACH_TEMPLATES).format(start=start, as_of=as_of, reach=reach))
        paragraphs = [join_sentences(sentences)]
        extra = []
        if self.rng.random() < 0.45:
            extra.append(SATISFACTION_TEMPLATE.format(score=number(self.rng.uniform(82, 94), 1)))
        if self.spec.stage == "penerapan" and self.rng.random() < 0.4:
            year = min(LAST_YEAR, self.spec.started_on.year + self.rng.randint(1, 3))
            extra.append(EVALUATION_TEMPLATE.format(year=year, evaluator=self.g.choice(EVALUATORS)))
        if extra:
            paragraphs.append(join_sentences(extra))
        self.section(self.g.choice(HEADINGS_RESULTS), paragraphs)

    def replication_section(self) -> None:
        origin = self.spec.origin
        assert origin is not None  # noqa: S101
        text = self.g.choice(REPLICATION_TEMPLATES).format(
            org=self.org.cap(),
            org_l=self.org,
            acr=self.acr,
            origin=origin.org.full,
            year=self.spec.started_on.year,
        )
        adaptations = [a.format(acr=self.acr) for a in self.rng.sample(ADAPTATIONS, 2)]
        closing = self.g.choice(REPLICATION_CLOSING)
        self.section(
            self.g.choice(HEADINGS_REPLICATION), [text.cap(), join_sentences([*adaptations, closing])]
        )

    def sustainability_section(self) -> None:
        items = listing(self.rng.sample(SUSTAINABILITY_ITEMS, 3))
        text = self.g.choice(SUSTAINABILITY_TEMPLATES).format(acr=self.acr, items=items, org=self.org)
        self.section(self.g.choice(HEADINGS_SUSTAINABILITY), [text.cap()])

    def summary(self) -> T:
        metric = self.metrics[0]
        templates = DOWN_TEMPLATES[:2] if self.is_down(metric) else UP_TEMPLATES[:2]
        result = self.g.choice(templates).format(
            Label=metric.label.cap(),
            label=metric.label.low(),
            before=self.before(metric),
            after=self.zero_word(metric),
        )
        if self.spec.is_replication:
            text = REPLICATION_SUMMARY.format(
                year=self.spec.started_on.year,
                org=self.org,
                org_short=self.org_short,
                acr=self.acr,
                origin=self.spec.origin.org.full,
                what=self.concept.what,
                result=result,
            )
        else:
            text = self.g.choice(SUMMARY_TEMPLATES).format(
                acr=self.acr,
                org=self.org,
                what=self.concept.what,
                target=self.concept.target,
                problem=self.concept.problem,
                result=result,
            )
        return text.cap()

    def is_down(self, metric: Metric) -> bool:
        if metric.unit_after is not metric.unit:
            return True  # "3 days -> 2 hours": different units only ever shrink times here
        return metric.after < metric.before

    def zero_word(self, metric: Metric) -> T:
        if metric.after == 0:
            return T("nol", "zero")
        return self.after(metric)


# -- helpers ----------------------------------------------------------------------------------------


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def remember(strings: dict[str, str], text: T, rich: bool = False) -> None:
    """Record ``text`` for translation as wagtail-localize will extract it (HTML-escaped in rich text)."""
    if not text.id:
        return
    if rich:
        strings[escape(text.id)] = escape(text.en)
    else:
        strings[text.id] = text.en


def join_sentences(sentences: list[T]) -> T:
    return T(" ".join(s.id for s in sentences), " ".join(s.en for s in sentences))


def nice(value: float, decimals: int = 0) -> float:
    """Round like a report would: one decimal where asked, otherwise two or three significant digits."""
    if decimals:
        return round(value, decimals)
    if value < 1:
        return round(value, 1)
    if value < 100:
        return float(round(value))
    digits = int(math.floor(math.log10(value)))
    step = 10 ** max(0, digits - 2)
    if value >= 1_000_000:
        step = 10 ** (digits - 1)
    return float(round(value / step) * step)


def build_innovations() -> list[InnovationSpec]:
    """Every demo innovation, originals first, then replications (which reference their original)."""
    return Generator().build()


def select(specs: list[InnovationSpec], limit: int | None) -> list[InnovationSpec]:
    """
    ``limit`` innovations that still show the whole range: award winners, every start year, replications.

    Replications are only chosen together with their original. The full list is returned when ``limit`` is
    None or not smaller than it.
    """
    if limit is None or limit >= len(specs):
        return specs
    originals = [spec for spec in specs if not spec.is_replication]
    ranked = sorted(originals, key=lambda spec: (not spec.concept.track, originals.index(spec)))
    chosen = {spec.slug: spec for spec in ranked[: max(1, math.ceil(limit * 0.45))]}
    replications = [spec for spec in specs if spec.is_replication]

    def years() -> set[int]:
        return {spec.started_on.year for spec in chosen.values()}

    # One replication (of a chosen original) for each start year not covered yet, then the rest in order.
    for spec in replications:
        if len(chosen) < limit and spec.origin.slug in chosen and spec.started_on.year not in years():
            chosen[spec.slug] = spec
    for spec in originals:
        if len(chosen) < limit and spec.started_on.year not in years():
            chosen[spec.slug] = spec
    for spec in replications + ranked:
        if len(chosen) >= limit:
            break
        if spec.slug not in chosen and (spec.origin is None or spec.origin.slug in chosen):
            chosen[spec.slug] = spec
    return [spec for spec in specs if spec.slug in chosen]
