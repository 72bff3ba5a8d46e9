# ruff: noqa: E501 - the texts below are prose, kept one phrase per line
"""The demo's fixed content: the fictional city of Sukamaju, its organisations, themes and innovation concepts.

Everything a visitor reads is written here in Indonesian and English side by side (``T``); the generator in
``demo.generate`` turns the concepts into innovation records and their replications.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import (
    ALLEYS,
    CASES,
    CHILDREN,
    DAYS,
    DOCUMENTS,
    HOMES,
    HOURS,
    INCIDENTS,
    INNOVATIONS,
    KM,
    MINUTES,
    PEOPLE,
    PERCENT,
    PUPILS,
    REPORTS,
    RUPIAH,
    SCORE,
    SPOTS,
    TONNES,
    URBAN_VILLAGES,
    VISITS,
    T,
    Unit,
)

CITY = T("Kota Sukamaju", "Sukamaju City")
GOVERNMENT_NAME = "Pemerintah Kota Sukamaju"
SECRETARIAT_NAME = "Bagian Organisasi Setda Kota Sukamaju"
SECRETARIAT_EMAIL = "kipp@sukamaju.example"
SECRETARIAT_PHONE = "(024) 3580 1234"
REFERENCE_PREFIX = "KIPP"
SITE_NAME = "Portal Inovasi Kota Sukamaju"

#: Month and year the figures in the texts are "as of" (fixed so that every run writes the same text).
AS_OF = (10, 2026)


# -- organisations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    """A department or service unit of the city. ``en`` is how English text refers to it."""

    slug: str
    name: str
    acronym: str
    kind: str
    en: str
    parent: str | None = None
    place: T | None = None

    @property
    def short(self) -> T:
        """How a second mention reads: the acronym of a department in Indonesian, the English name in English."""
        if self.kind in ("kecamatan", "kelurahan", "puskesmas", "sekolah", "rsud"):
            return T(self.name, self.en)
        return T(self.acronym or self.name, self.en)

    @property
    def full(self) -> T:
        return T(self.name, self.en)

    @property
    def en_plain(self) -> str:
        return self.en.removeprefix("the ")

    @property
    def title_place(self) -> T:
        """The name used in the title of a replication ("SEHATI Puskesmas Sidomulyo")."""
        return self.place or T(self.acronym or self.name, self.en_plain)


def _kelurahan(name: str, parent: str) -> Org:
    return Org(
        f"kelurahan-{name.lower()}",
        f"Kelurahan {name}",
        "",
        "kelurahan",
        f"{name} Urban Village",
        parent,
        T(f"Kelurahan {name}", f"{name} Urban Village"),
    )


def _kecamatan(slug: str, name: str, en: str) -> Org:
    return Org(
        f"kecamatan-{slug}", f"Kecamatan {name}", "", "kecamatan", en, None, T(f"Kecamatan {name}", en)
    )


def _puskesmas(name: str) -> Org:
    return Org(
        f"puskesmas-{name.lower()}",
        f"Puskesmas {name}",
        "",
        "puskesmas",
        f"the {name} Community Health Centre",
        "dinas-kesehatan",
        T(f"Puskesmas {name}", f"{name} Health Centre"),
    )


ORGANISATIONS: list[Org] = [
    # Departments (dinas)
    Org(
        "dinas-kependudukan-dan-pencatatan-sipil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "dinas",
        "the Population and Civil Registration Agency",
    ),
    Org("dinas-kesehatan", "Dinas Kesehatan", "Dinkes", "dinas", "the Health Agency"),
    Org(
        "dinas-pendidikan-dan-kebudayaan",
        "Dinas Pendidikan dan Kebudayaan",
        "Disdikbud",
        "dinas",
        "the Education and Culture Agency",
    ),
    Org("dinas-sosial", "Dinas Sosial", "Dinsos", "dinas", "the Social Affairs Agency"),
    Org("dinas-lingkungan-hidup", "Dinas Lingkungan Hidup", "DLH", "dinas", "the Environment Agency"),
    Org("dinas-perhubungan", "Dinas Perhubungan", "Dishub", "dinas", "the Transport Agency"),
    Org(
        "dinas-komunikasi-dan-informatika",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "dinas",
        "the Communication and Informatics Agency",
    ),
    Org(
        "dinas-penanaman-modal-dan-ptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "dinas",
        "the Investment and One-Stop Services Agency",
    ),
    Org(
        "dinas-ketahanan-pangan-dan-pertanian",
        "Dinas Ketahanan Pangan dan Pertanian",
        "DKPP",
        "dinas",
        "the Food Security and Agriculture Agency",
    ),
    Org(
        "dinas-pppapkb",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        "DP3AP2KB",
        "dinas",
        "the Women's Empowerment, Child Protection and Family Planning Agency",
    ),
    Org("dinas-tenaga-kerja", "Dinas Tenaga Kerja", "Disnaker", "dinas", "the Manpower Agency"),
    Org(
        "dinas-koperasi-dan-usaha-mikro",
        "Dinas Koperasi dan Usaha Mikro",
        "Dinkop UM",
        "dinas",
        "the Cooperatives and Micro Enterprises Agency",
    ),
    Org(
        "dinas-perumahan-dan-kawasan-permukiman",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        "dinas",
        "the Housing and Settlements Agency",
    ),
    Org(
        "dinas-pemadam-kebakaran-dan-penyelamatan",
        "Dinas Pemadam Kebakaran dan Penyelamatan",
        "Damkar",
        "dinas",
        "the Fire and Rescue Service",
    ),
    Org(
        "dinas-perpustakaan-dan-kearsipan",
        "Dinas Perpustakaan dan Kearsipan",
        "Dispusip",
        "dinas",
        "the Library and Archives Agency",
    ),
    # Boards (badan)
    Org(
        "badan-perencanaan-riset-dan-inovasi-daerah",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Bapperida",
        "badan",
        "the Development Planning, Research and Innovation Board",
    ),
    Org(
        "badan-pendapatan-daerah", "Badan Pendapatan Daerah", "Bapenda", "badan", "the Regional Revenue Board"
    ),
    Org(
        "badan-kepegawaian-dan-pengembangan-sdm",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        "badan",
        "the Civil Service and Human Resources Board",
    ),
    Org(
        "badan-penanggulangan-bencana-daerah",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "badan",
        "the Regional Disaster Management Board",
    ),
    # Secretariat divisions and other bodies
    Org(
        "bagian-organisasi-setda",
        "Bagian Organisasi Sekretariat Daerah",
        "Bag. Organisasi",
        "sekretariat",
        "the Organisation Division of the City Secretariat",
    ),
    Org(
        "bagian-hukum-setda",
        "Bagian Hukum Sekretariat Daerah",
        "Bag. Hukum",
        "sekretariat",
        "the Legal Division of the City Secretariat",
    ),
    Org("sekretariat-dprd", "Sekretariat DPRD", "Setwan", "sekretariat", "the City Council Secretariat"),
    Org(
        "satuan-polisi-pamong-praja",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        "lainnya",
        "the Municipal Police (Satpol PP)",
    ),
    Org("inspektorat-daerah", "Inspektorat Daerah", "Inspektorat", "lainnya", "the Regional Inspectorate"),
    # Districts and their urban villages
    _kecamatan("sukamaju-utara", "Sukamaju Utara", "North Sukamaju District"),
    _kecamatan("sukamaju-selatan", "Sukamaju Selatan", "South Sukamaju District"),
    _kecamatan("sukamaju-barat", "Sukamaju Barat", "West Sukamaju District"),
    _kecamatan("sukamaju-timur", "Sukamaju Timur", "East Sukamaju District"),
    _kecamatan("candisari", "Candisari", "Candisari District"),
    _kelurahan("Mekarsari", "kecamatan-sukamaju-utara"),
    _kelurahan("Karangrejo", "kecamatan-sukamaju-utara"),
    _kelurahan("Sidomulyo", "kecamatan-sukamaju-selatan"),
    _kelurahan("Tegalsari", "kecamatan-sukamaju-selatan"),
    _kelurahan("Purwosari", "kecamatan-sukamaju-barat"),
    _kelurahan("Kebonagung", "kecamatan-sukamaju-barat"),
    _kelurahan("Sukorejo", "kecamatan-sukamaju-timur"),
    _kelurahan("Jatisari", "kecamatan-sukamaju-timur"),
    _kelurahan("Candirejo", "kecamatan-candisari"),
    _kelurahan("Wonosari", "kecamatan-candisari"),
    # Hospitals and community health centres
    Org(
        "rsud-kota-sukamaju",
        "RSUD Kota Sukamaju",
        "",
        "rsud",
        "the Sukamaju City Regional Hospital",
        None,
        T("RSUD Kota Sukamaju", "Sukamaju City Hospital"),
    ),
    Org(
        "rsud-bhakti-husada",
        "RSUD Bhakti Husada",
        "",
        "rsud",
        "the Bhakti Husada Regional Hospital",
        None,
        T("RSUD Bhakti Husada", "Bhakti Husada Hospital"),
    ),
    _puskesmas("Mekarsari"),
    _puskesmas("Sidomulyo"),
    _puskesmas("Purwosari"),
    _puskesmas("Sukorejo"),
    _puskesmas("Candirejo"),
    _puskesmas("Karangrejo"),
    # Schools (the city runs primary and junior secondary schools)
    Org(
        "sd-negeri-sidomulyo-02",
        "SD Negeri Sidomulyo 02",
        "SDN Sidomulyo 02",
        "sekolah",
        "Sidomulyo 02 State Primary School",
        "dinas-pendidikan-dan-kebudayaan",
        T("SDN Sidomulyo 02", "Sidomulyo 02 Primary School"),
    ),
    Org(
        "smp-negeri-3-sukamaju",
        "SMP Negeri 3 Sukamaju",
        "SMPN 3 Sukamaju",
        "sekolah",
        "Sukamaju State Junior High School 3",
        "dinas-pendidikan-dan-kebudayaan",
        T("SMPN 3 Sukamaju", "Sukamaju Junior High School 3"),
    ),
    Org(
        "smp-negeri-7-sukamaju",
        "SMP Negeri 7 Sukamaju",
        "SMPN 7 Sukamaju",
        "sekolah",
        "Sukamaju State Junior High School 7",
        "dinas-pendidikan-dan-kebudayaan",
        T("SMPN 7 Sukamaju", "Sukamaju Junior High School 7"),
    ),
    # Region-owned companies (BUMD)
    Org(
        "perumda-air-minum-tirta-sukamaju",
        "Perumda Air Minum Tirta Sukamaju",
        "PDAM Tirta Sukamaju",
        "bumd",
        "the Tirta Sukamaju water utility (PDAM)",
    ),
    Org(
        "pt-bpr-bank-sukamaju",
        "PT BPR Bank Sukamaju (Perseroda)",
        "BPR Sukamaju",
        "bumd",
        "Bank Sukamaju, the city's rural bank",
    ),
    Org(
        "perumda-pasar-sukamaju-raya",
        "Perumda Pasar Sukamaju Raya",
        "Perumda Pasar",
        "bumd",
        "the Sukamaju Raya Market Company",
    ),
]

ORGS_BY_SLUG = {org.slug: org for org in ORGANISATIONS}


# -- themes (the ten KIPP categories of 2021) ---------------------------------------------------------


@dataclass(frozen=True)
class ThemeData:
    slug: str
    name: str
    name_en: str
    description: str
    colours: tuple[str, str]


THEMES: list[ThemeData] = [
    ThemeData(
        "penanggulangan-kemiskinan",
        "Penanggulangan Kemiskinan",
        "Poverty Reduction",
        "Inovasi yang mengurangi beban pengeluaran dan meningkatkan pendapatan keluarga miskin.",
        ("#8c2d19", "#e0a458"),
    ),
    ThemeData(
        "pendidikan",
        "Pendidikan",
        "Education",
        "Inovasi yang memperluas akses dan meningkatkan mutu pendidikan.",
        ("#1d3f8a", "#5fa8d3"),
    ),
    ThemeData(
        "kesehatan",
        "Kesehatan",
        "Health",
        "Inovasi layanan kesehatan dasar, rujukan dan kesehatan masyarakat.",
        ("#0b6e4f", "#6cc3a0"),
    ),
    ThemeData(
        "ketahanan-pangan",
        "Ketahanan Pangan",
        "Food Security",
        "Inovasi ketersediaan, keterjangkauan dan mutu pangan.",
        ("#5a7d1a", "#c5d86d"),
    ),
    ThemeData(
        "pertumbuhan-ekonomi-dan-lapangan-kerja",
        "Pertumbuhan Ekonomi dan Lapangan Kerja",
        "Economic Growth and Jobs",
        "Inovasi yang mendorong usaha, investasi dan penciptaan lapangan kerja.",
        ("#b35c00", "#f2b134"),
    ),
    ThemeData(
        "pemberdayaan-masyarakat",
        "Pemberdayaan Masyarakat",
        "Community Empowerment",
        "Inovasi yang melibatkan warga sebagai pelaku, bukan hanya penerima layanan.",
        ("#a4133c", "#ff8fa3"),
    ),
    ThemeData(
        "pelayanan-publik-responsif-gender",
        "Pelayanan Publik Responsif Gender",
        "Gender-Responsive Public Service",
        "Inovasi yang memperhatikan kebutuhan perempuan, anak, lansia dan penyandang disabilitas.",
        ("#6a1b9a", "#ce93d8"),
    ),
    ThemeData(
        "lingkungan-hidup",
        "Lingkungan Hidup",
        "Environment",
        "Inovasi pengelolaan sampah, air, udara dan ruang hijau.",
        ("#1b5e20", "#81c784"),
    ),
    ThemeData(
        "tata-kelola-pemerintahan",
        "Tata Kelola Pemerintahan",
        "Governance",
        "Inovasi administrasi, keterbukaan informasi dan pelayanan yang lebih cepat.",
        ("#263238", "#607d8b"),
    ),
    ThemeData(
        "penegakan-hukum",
        "Penegakan Hukum",
        "Law Enforcement",
        "Inovasi penegakan peraturan, pencegahan korupsi dan akses keadilan.",
        ("#3e2723", "#a1887f"),
    ),
]

THEMES_BY_SLUG = {theme.slug: theme for theme in THEMES}

POVERTY, EDUCATION, HEALTH, FOOD, ECONOMY, EMPOWERMENT, GENDER, ENVIRONMENT, GOVERNANCE, LAW = (
    theme.slug for theme in THEMES
)


# -- innovation concepts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A measured result: ``before`` in ``unit``, ``after`` in ``after_unit`` (the same unit by default)."""

    label: T
    before: float
    after: float
    unit: Unit | None
    after_unit: Unit | None = None
    decimals: int = 0

    @property
    def unit_after(self) -> Unit | None:
        return self.after_unit or self.unit


@dataclass(frozen=True)
class Concept:
    """An original innovation: what it does, in phrases that the generator composes into sentences.

    Phrase shapes (both languages): ``what`` is a verb phrase with the organisation as subject
    ("delivers ..."), ``problem`` and ``how`` are clauses (``problem`` in the past tense), ``aim`` is an
    infinitive without "to", ``target`` and ``partners`` are noun phrases, ``benefits`` are clauses.
    """

    acronym: str
    name: T
    owner: str
    year: int
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    what: T
    problem: T
    how: T
    target: T
    aim: T
    benefits: tuple[T, ...]
    partners: T
    metrics: tuple[Metric, ...]
    reach: tuple[float, T]
    replicators: tuple[str, ...] = ()
    digital: bool = False
    form: str = "pelayanan_publik"
    initiator: str = "opd"
    #: "", "provinsi" (provincial winner), "nasional" (Top 99), "top45", "terpuji", "unpsa"
    track: str = ""
    slug: str = field(default="")

    @property
    def key(self) -> str:
        return self.slug or self.acronym.lower().replace(" ", "-")


def M(
    label: T,
    before: float,
    after: float,
    unit: Unit | None,
    after_unit: Unit | None = None,
    decimals: int = 0,
):
    return Metric(label, before, after, unit, after_unit, decimals)


CONCEPTS: list[Concept] = [
    Concept(
        "SI-CANTIK",
        T("Sistem Cepat Antar Dokumen Kependudukan", "Fast Delivery of Civil Registration Documents"),
        "dinas-kependudukan-dan-pencatatan-sipil",
        2018,
        (GOVERNANCE,),
        (16,),
        what=T(
            "mengantar dokumen kependudukan yang sudah selesai dicetak langsung ke rumah warga",
            "delivers finished civil registration documents straight to residents' homes",
        ),
        problem=T(
            "warga harus datang dua sampai tiga kali ke kantor dinas hanya untuk mengambil KTP-el, kartu keluarga atau akta yang sudah jadi",
            "residents had to come to the office two or three times just to collect ID cards, family cards or certificates that were already finished",
        ),
        how=T(
            "setelah permohonan diverifikasi, warga menerima notifikasi WhatsApp berisi nomor pelacakan, lalu kurir mengantar dokumen sesuai jadwal yang dipilih warga",
            "once an application is verified, the resident receives a WhatsApp message with a tracking number, and a courier delivers the document at a time the resident chooses",
        ),
        target=T(
            "pekerja, warga lanjut usia dan warga yang tinggal jauh dari pusat kota",
            "working people, older residents and people who live far from the city centre",
        ),
        aim=T(
            "memangkas waktu dan biaya yang dikeluarkan warga untuk memperoleh dokumen kependudukan",
            "cut the time and money residents spend on getting civil registration documents",
        ),
        benefits=(
            T(
                "warga tidak perlu lagi izin dari tempat kerja untuk mengambil dokumen",
                "residents no longer need time off work to collect documents",
            ),
            T(
                "antrean di loket pengambilan berkurang sehingga petugas dapat fokus pada perekaman data",
                "queues at the collection counter have shrunk, so staff can concentrate on registering data",
            ),
            T(
                "status setiap dokumen dapat dipantau secara terbuka",
                "the status of every document can be followed openly",
            ),
        ),
        partners=T(
            "PT Pos Indonesia dan pengurus RT/RW", "the national postal service and neighbourhood heads"
        ),
        metrics=(
            M(T("Waktu penyelesaian dokumen", "Document turnaround time"), 5, 1, DAYS),
            M(T("Kunjungan warga per dokumen", "Office visits per document"), 3, 1, VISITS),
        ),
        reach=(
            18400,
            T(
                "{n} dokumen telah diantar ke rumah warga",
                "{n} documents have been delivered to residents' homes",
            ),
        ),
        replicators=("kecamatan",),
        digital=True,
        track="nasional",
    ),
    Concept(
        "JEMPOL EMAS",
        T(
            "Jemput Bola Perekaman KTP-el bagi Lansia dan Penyandang Disabilitas",
            "Home ID-Card Registration for Older and Disabled Residents",
        ),
        "dinas-kependudukan-dan-pencatatan-sipil",
        2019,
        (GOVERNANCE, GENDER),
        (10, 16),
        what=T(
            "merekam data KTP-el warga lanjut usia, penyandang disabilitas dan warga yang sakit menahun langsung di rumah mereka",
            "records ID-card data for older residents, people with disabilities and the chronically ill in their own homes",
        ),
        problem=T(
            "banyak warga lanjut usia dan penyandang disabilitas belum memiliki KTP-el karena tidak mampu datang ke kantor kecamatan, sehingga mereka kesulitan mengakses bantuan sosial dan layanan kesehatan",
            "many older and disabled residents had no electronic ID card because they could not travel to the district office, which cut them off from social assistance and health services",
        ),
        how=T(
            "kader kelurahan mendata warga yang membutuhkan, lalu tim membawa perangkat perekaman portabel ke rumah warga pada hari yang telah dijadwalkan",
            "neighbourhood volunteers list the residents who need the service, and a team brings a portable registration kit to their homes on a scheduled day",
        ),
        target=T(
            "warga lanjut usia, penyandang disabilitas dan orang dengan gangguan jiwa",
            "older residents, people with disabilities and people with mental illness",
        ),
        aim=T(
            "memastikan setiap warga rentan tercatat dalam data kependudukan dan dapat mengakses layanan publik",
            "make sure every vulnerable resident is registered and can use public services",
        ),
        benefits=(
            T(
                "warga rentan dapat menerima bantuan sosial dan jaminan kesehatan",
                "vulnerable residents can receive social assistance and health insurance",
            ),
            T(
                "keluarga tidak perlu menyewa kendaraan atau meninggalkan pekerjaan untuk mengantar",
                "families no longer have to hire transport or miss work to take them to the office",
            ),
            T("cakupan kepemilikan KTP-el di kota meningkat", "ID-card coverage across the city has gone up"),
        ),
        partners=T(
            "kader PKK, pendamping PKH dan organisasi penyandang disabilitas",
            "family welfare (PKK) volunteers, family hope programme (PKH) facilitators and disabled people's organisations",
        ),
        metrics=(
            M(
                T("Cakupan KTP-el penyandang disabilitas", "ID-card coverage among people with disabilities"),
                61,
                97,
                PERCENT,
            ),
        ),
        reach=(
            2150,
            T(
                "{n} warga rentan telah direkam datanya di rumah",
                "{n} vulnerable residents have been registered at home",
            ),
        ),
        replicators=("kecamatan", "kelurahan"),
        initiator="asn",
        track="provinsi",
    ),
    Concept(
        "SEHATI",
        T("Sistem Elektronik Ibu Hamil Terpantau", "Electronic Monitoring of Pregnant Women"),
        "dinas-kesehatan",
        2018,
        (HEALTH, GENDER),
        (3, 5),
        what=T(
            "memantau setiap ibu hamil sejak pemeriksaan pertama hingga masa nifas melalui aplikasi yang terhubung dengan bidan, puskesmas dan rumah sakit",
            "follows every pregnant woman from her first check-up until after birth, through an app shared by midwives, health centres and hospitals",
        ),
        problem=T(
            "kasus kematian ibu masih terjadi karena kehamilan berisiko tinggi terlambat dikenali dan rujukan ke rumah sakit sering tidak terkoordinasi",
            "mothers were still dying because high-risk pregnancies were spotted too late and referrals to hospital were poorly coordinated",
        ),
        how=T(
            "setiap ibu hamil didaftarkan oleh bidan kelurahan, diberi penanda warna sesuai tingkat risikonya, dan dipantau melalui dasbor yang memberi peringatan bila jadwal pemeriksaan terlewat",
            "midwives register every pregnant woman, give her a colour code for her level of risk, and follow her on a dashboard that raises an alert when a check-up is missed",
        ),
        target=T(
            "ibu hamil, terutama yang memiliki faktor risiko tinggi",
            "pregnant women, especially those at high risk",
        ),
        aim=T(
            "menurunkan angka kematian ibu dan bayi melalui deteksi dini dan rujukan yang terencana",
            "reduce maternal and infant deaths through early detection and planned referrals",
        ),
        benefits=(
            T(
                "ibu hamil berisiko tinggi mendapat pendampingan sejak dini",
                "high-risk mothers get support early",
            ),
            T(
                "rumah sakit rujukan menerima data pasien sebelum ibu tiba",
                "referral hospitals receive patient data before the mother arrives",
            ),
            T(
                "dinas memiliki data kehamilan yang mutakhir untuk perencanaan",
                "the agency has up-to-date pregnancy data for planning",
            ),
        ),
        partners=T(
            "Ikatan Bidan Indonesia, RSUD Kota Sukamaju dan kader posyandu",
            "the Indonesian Midwives Association, the city hospital and community health post volunteers",
        ),
        metrics=(
            M(T("Kematian ibu per tahun", "Maternal deaths per year"), 9, 2, CASES),
            M(
                T("Persalinan di fasilitas kesehatan", "Births in health facilities"),
                88,
                99.2,
                PERCENT,
                decimals=1,
            ),
        ),
        reach=(
            12600,
            T(
                "{n} ibu hamil telah terpantau melalui aplikasi",
                "{n} pregnant women have been monitored through the app",
            ),
        ),
        replicators=("puskesmas",),
        digital=True,
        track="unpsa",
    ),
    Concept(
        "GERCEP STUNTING",
        T("Gerakan Cepat Cegah Stunting", "Rapid Action to Prevent Stunting"),
        "dinas-kesehatan",
        2020,
        (HEALTH, FOOD),
        (2, 3),
        what=T(
            "menggerakkan kader, puskesmas dan kelurahan untuk menemukan dan mendampingi balita berisiko stunting secara serentak setiap bulan",
            "brings volunteers, health centres and urban villages together every month to find and support toddlers at risk of stunting",
        ),
        problem=T(
            "prevalensi stunting masih di atas 20 persen dan hasil penimbangan di posyandu jarang ditindaklanjuti",
            "stunting affected more than one in five children and measurements taken at community health posts were rarely followed up",
        ),
        how=T(
            "setiap bulan seluruh balita ditimbang dan diukur serentak, hasilnya dimasukkan ke aplikasi e-PPGBM, dan balita yang berisiko mendapat makanan tambahan serta kunjungan rumah oleh tim pendamping keluarga",
            "every month all toddlers are weighed and measured on the same day, the results go into the national nutrition app, and children at risk get supplementary food and home visits from a family support team",
        ),
        target=T(
            "balita, ibu hamil dan calon pengantin", "toddlers, pregnant women and couples about to marry"
        ),
        aim=T(
            "menurunkan prevalensi stunting melalui intervensi gizi yang cepat dan tepat sasaran",
            "bring down stunting through fast, well-targeted nutrition support",
        ),
        benefits=(
            T("balita berisiko ditemukan lebih awal", "children at risk are found earlier"),
            T(
                "makanan tambahan diberikan berdasarkan data, bukan perkiraan",
                "supplementary food is given on the basis of data, not guesswork",
            ),
            T(
                "kelurahan dan puskesmas bekerja dengan satu data yang sama",
                "urban villages and health centres work from the same data",
            ),
        ),
        partners=T(
            "Tim Penggerak PKK, Baznas dan perusahaan swasta melalui dana CSR",
            "the family welfare movement (PKK), the national zakat agency and private firms through their CSR funds",
        ),
        metrics=(M(T("Prevalensi stunting", "Stunting prevalence"), 21.4, 11.8, PERCENT, decimals=1),),
        reach=(
            9300,
            T(
                "{n} balita telah diukur dan dipantau pertumbuhannya",
                "{n} toddlers have been measured and had their growth followed",
            ),
        ),
        replicators=("puskesmas", "kelurahan"),
        initiator="kepala_daerah",
        track="provinsi",
    ),
    Concept(
        "POSBINDU KELILING",
        T(
            "Pos Pembinaan Terpadu Penyakit Tidak Menular Keliling",
            "Mobile Screening for Non-Communicable Diseases",
        ),
        "puskesmas-mekarsari",
        2018,
        (HEALTH,),
        (3,),
        what=T(
            "mendatangi pasar, pabrik dan kantor untuk memeriksa tekanan darah, gula darah dan kolesterol warga usia produktif",
            "visits markets, factories and offices to check the blood pressure, blood sugar and cholesterol of working-age residents",
        ),
        problem=T(
            "warga usia produktif jarang datang ke posbindu karena jadwalnya bertepatan dengan jam kerja, sehingga hipertensi dan diabetes baru ketahuan setelah muncul komplikasi",
            "working-age residents rarely came to screening posts held during working hours, so high blood pressure and diabetes were found only after complications appeared",
        ),
        how=T(
            "tim puskesmas menyusun jadwal kunjungan bersama pengelola pasar dan perusahaan, membawa alat skrining portabel, lalu merujuk warga dengan hasil tidak normal ke dokter puskesmas",
            "the health centre team agrees a visiting schedule with market managers and employers, brings portable screening kits, and refers people with abnormal results to a doctor",
        ),
        target=T(
            "pedagang pasar, buruh pabrik dan pegawai kantor",
            "market traders, factory workers and office staff",
        ),
        aim=T(
            "menemukan penyakit tidak menular sedini mungkin pada kelompok usia produktif",
            "detect non-communicable diseases as early as possible among working-age people",
        ),
        benefits=(
            T(
                "warga dapat memeriksakan kesehatan tanpa meninggalkan tempat kerja",
                "people can have a check-up without leaving work",
            ),
            T(
                "kasus hipertensi dan diabetes ditemukan dan diobati lebih awal",
                "high blood pressure and diabetes are found and treated earlier",
            ),
        ),
        partners=T(
            "Perumda Pasar Sukamaju Raya dan asosiasi pengusaha setempat",
            "the Sukamaju Raya Market Company and local employers' associations",
        ),
        metrics=(
            M(
                T(
                    "Cakupan skrining penyakit tidak menular",
                    "Screening coverage for non-communicable diseases",
                ),
                23,
                71,
                PERCENT,
            ),
        ),
        reach=(
            6800,
            T(
                "{n} warga usia produktif telah menjalani skrining",
                "{n} working-age residents have been screened",
            ),
        ),
        replicators=("puskesmas",),
        initiator="asn",
    ),
    Concept(
        "SIAP ANTRI",
        T("Sistem Informasi Antrean Pasien Terintegrasi", "Integrated Patient Queue System"),
        "rsud-kota-sukamaju",
        2019,
        (HEALTH, GOVERNANCE),
        (3, 9),
        what=T(
            "memungkinkan pasien mengambil nomor antrean poliklinik dari rumah melalui WhatsApp, aplikasi atau anjungan mandiri",
            "lets patients book a clinic queue number from home through WhatsApp, an app or a self-service kiosk",
        ),
        problem=T(
            "pasien rawat jalan datang sejak subuh untuk mendapatkan nomor antrean dan menunggu berjam-jam di ruang tunggu yang penuh sesak",
            "outpatients arrived before dawn to get a queue number and then waited for hours in a crowded waiting room",
        ),
        how=T(
            "pasien memilih poliklinik dan jam kedatangan, menerima perkiraan waktu dilayani, dan mendapat pesan pengingat ketika gilirannya sudah dekat",
            "patients choose a clinic and an arrival time, receive an estimated time of service and get a reminder when their turn is near",
        ),
        target=T(
            "pasien rawat jalan, termasuk peserta JKN dan pasien lanjut usia",
            "outpatients, including national health insurance members and older patients",
        ),
        aim=T(
            "mempersingkat waktu tunggu dan mengurangi kepadatan di ruang tunggu rumah sakit",
            "shorten waiting times and ease crowding in the hospital waiting rooms",
        ),
        benefits=(
            T(
                "pasien dapat datang mendekati jam pelayanan",
                "patients can arrive close to their appointment time",
            ),
            T(
                "ruang tunggu lebih lega sehingga risiko penularan penyakit berkurang",
                "waiting rooms are less crowded, lowering the risk of infection",
            ),
            T(
                "manajemen memperoleh data beban kerja setiap poliklinik",
                "managers get data on the workload of each clinic",
            ),
        ),
        partners=T(
            "BPJS Kesehatan dan Dinas Komunikasi dan Informatika",
            "the national health insurance agency (BPJS Kesehatan) and the Communication and Informatics Agency",
        ),
        metrics=(
            M(
                T("Rata-rata waktu tunggu rawat jalan", "Average outpatient waiting time"),
                3.5,
                45,
                HOURS,
                MINUTES,
                decimals=1,
            ),
        ),
        reach=(
            152000,
            T("{n} nomor antrean telah diambil secara daring", "{n} queue numbers have been booked online"),
        ),
        replicators=("puskesmas", "rsud"),
        digital=True,
        track="provinsi",
    ),
    Concept(
        "DOLAN",
        T("Dokter Layani Lansia di Rumah", "Doctors Visiting Older People at Home"),
        "puskesmas-sidomulyo",
        2021,
        (HEALTH, GENDER),
        (3, 10),
        what=T(
            "memberikan pemeriksaan kesehatan, pengobatan dan perawatan luka di rumah bagi lansia yang tidak dapat bepergian",
            "provides check-ups, treatment and wound care at home for older people who cannot travel",
        ),
        problem=T(
            "banyak lansia yang tinggal sendiri atau terbaring di tempat tidur tidak pernah memeriksakan kesehatannya karena tidak ada keluarga yang mengantar ke puskesmas",
            "many older people living alone or confined to bed never had a check-up because nobody could take them to the health centre",
        ),
        how=T(
            "keluarga atau ketua RT menghubungi nomor layanan puskesmas, dokter dan perawat berkunjung paling lambat dua hari kemudian, dan kunjungan lanjutan dijadwalkan setiap bulan",
            "relatives or neighbourhood heads call the health centre, a doctor and a nurse visit within two days, and follow-up visits are booked every month",
        ),
        target=T(
            "lansia yang tinggal sendiri, terbaring di tempat tidur atau memiliki penyakit kronis",
            "older people who live alone, are bedridden or have a chronic illness",
        ),
        aim=T(
            "memastikan lansia rentan tetap mendapat layanan kesehatan dasar tanpa harus datang ke puskesmas",
            "make sure vulnerable older people keep getting basic health care without coming to the health centre",
        ),
        benefits=(
            T("lansia mendapat pengobatan rutin di rumah", "older people receive regular treatment at home"),
            T(
                "keluarga mendapat edukasi cara merawat lansia",
                "families learn how to care for an older relative",
            ),
            T("komplikasi penyakit kronis dapat dicegah", "complications of chronic disease are prevented"),
        ),
        partners=T(
            "kader lansia, Karang Werda dan ketua RT",
            "elderly care volunteers, senior citizens' clubs and neighbourhood heads",
        ),
        metrics=(
            M(
                T("Lansia rentan yang mendapat kunjungan rutin", "Vulnerable older people visited regularly"),
                12,
                86,
                PERCENT,
            ),
        ),
        reach=(940, T("{n} lansia telah dilayani di rumah", "{n} older people have been cared for at home")),
        replicators=("puskesmas",),
        initiator="asn",
    ),
    Concept(
        "TOSS TB",
        T(
            "Temukan, Obati Sampai Sembuh Tuberkulosis Berbasis Kader",
            "Volunteer-Led Tuberculosis Case Finding and Treatment",
        ),
        "dinas-kesehatan",
        2019,
        (HEALTH, EMPOWERMENT),
        (3,),
        what=T(
            "melatih kader kesehatan untuk menemukan terduga tuberkulosis di lingkungannya dan mendampingi pasien minum obat sampai sembuh",
            "trains health volunteers to find suspected tuberculosis cases in their neighbourhood and help patients take their medicine until they are cured",
        ),
        problem=T(
            "banyak kasus tuberkulosis tidak terdeteksi dan sebagian pasien berhenti minum obat sebelum pengobatan selesai",
            "many tuberculosis cases went undetected and some patients stopped their medicine before the treatment was complete",
        ),
        how=T(
            "kader mengunjungi kontak serumah pasien, mengantar sampel dahak untuk diperiksa di puskesmas, dan menjadi pengawas minum obat yang melapor setiap minggu",
            "volunteers visit the households of patients, bring sputum samples to the health centre for testing and act as treatment supporters who report every week",
        ),
        target=T("pasien tuberkulosis dan keluarganya", "tuberculosis patients and their families"),
        aim=T(
            "meningkatkan penemuan kasus tuberkulosis dan memastikan pasien menuntaskan pengobatan",
            "find more tuberculosis cases and make sure patients finish their treatment",
        ),
        benefits=(
            T(
                "kasus ditemukan lebih cepat sehingga penularan di keluarga dapat dicegah",
                "cases are found sooner, preventing infection within the family",
            ),
            T(
                "pasien merasa didampingi dan tidak putus berobat",
                "patients feel supported and do not drop out of treatment",
            ),
        ),
        partners=T(
            "Aisyiyah, Perkumpulan Pemberantasan Tuberkulosis Indonesia dan puskesmas",
            "Aisyiyah, the Indonesian tuberculosis association and the health centres",
        ),
        metrics=(
            M(T("Angka keberhasilan pengobatan TB", "TB treatment success rate"), 78, 92, PERCENT),
            M(T("Kasus TB yang ditemukan per tahun", "TB cases found per year"), 410, 870, CASES),
        ),
        reach=(
            3100,
            T(
                "{n} terduga TB telah diperiksa atas rujukan kader",
                "{n} suspected TB cases have been tested after referral by volunteers",
            ),
        ),
        replicators=("puskesmas",),
    ),
    Concept(
        "PUSLING DIGITAL",
        T("Perpustakaan Keliling Digital", "Mobile Digital Library"),
        "dinas-perpustakaan-dan-kearsipan",
        2019,
        (EDUCATION,),
        (4,),
        what=T(
            "membawa buku cetak, tablet berisi buku elektronik dan akses internet gratis ke taman, sekolah dan balai RW",
            "takes printed books, tablets loaded with e-books and free internet to parks, schools and neighbourhood halls",
        ),
        problem=T(
            "kunjungan ke perpustakaan daerah terus menurun dan anak-anak di pinggiran kota jarang bersentuhan dengan bahan bacaan berkualitas",
            "visits to the city library kept falling and children on the edge of the city rarely had good books to read",
        ),
        how=T(
            "mobil perpustakaan berkeliling dengan jadwal tetap, membuka lapak baca dan kelas mendongeng, serta mendaftarkan anggota baru yang dapat meminjam buku elektronik lewat aplikasi",
            "the library van follows a fixed route, runs reading corners and storytelling sessions, and signs up new members who can borrow e-books through an app",
        ),
        target=T(
            "anak usia sekolah dan warga di wilayah pinggiran",
            "school-age children and residents on the outskirts",
        ),
        aim=T(
            "meningkatkan minat baca dan pemerataan akses bahan bacaan",
            "encourage reading and give everyone access to books",
        ),
        benefits=(
            T(
                "anak-anak mendapat bahan bacaan tanpa harus ke pusat kota",
                "children get books without travelling to the city centre",
            ),
            T("orang tua ikut membaca bersama anak", "parents read together with their children"),
        ),
        partners=T(
            "forum taman bacaan masyarakat dan sekolah dasar", "community reading groups and primary schools"
        ),
        metrics=(
            M(T("Indeks kegemaran membaca", "Reading habit index"), 52.3, 68.9, SCORE, decimals=1),
            M(T("Anggota perpustakaan aktif", "Active library members"), 3200, 11400, PEOPLE),
        ),
        reach=(
            47000,
            T(
                "{n} kunjungan tercatat di lapak baca keliling",
                "{n} visits have been recorded at the mobile reading corners",
            ),
        ),
        replicators=("kelurahan", "sekolah"),
        digital=True,
    ),
    Concept(
        "SAPA ANAK",
        T(
            "Sistem Aduan dan Pendampingan Anak Putus Sekolah",
            "Reporting and Support for Out-of-School Children",
        ),
        "dinas-pendidikan-dan-kebudayaan",
        2020,
        (EDUCATION, POVERTY),
        (1, 4),
        what=T(
            "menemukan anak putus sekolah melalui laporan warga dan data lintas dinas, lalu mendampingi mereka kembali ke sekolah atau mengikuti program kesetaraan",
            "finds children who have left school through residents' reports and cross-agency data, and helps them back into school or into equivalency classes",
        ),
        problem=T(
            "ratusan anak usia sekolah tercatat tidak bersekolah, sebagian besar dari keluarga miskin, dan tidak ada pihak yang menelusuri alasan mereka berhenti",
            "hundreds of school-age children were out of school, most of them from poor families, and nobody followed up on why they had stopped",
        ),
        how=T(
            "laporan masuk melalui aplikasi dan ketua RT, tim pendamping mengunjungi keluarga untuk mencari penyebabnya, lalu menghubungkan anak dengan beasiswa, seragam gratis atau program kesetaraan",
            "reports arrive through the app and neighbourhood heads, a support team visits the family to find out why, and links the child to scholarships, free uniforms or equivalency programmes",
        ),
        target=T(
            "anak usia 7-18 tahun yang tidak bersekolah dan keluarganya",
            "children aged 7 to 18 who are out of school, and their families",
        ),
        aim=T(
            "mengembalikan anak putus sekolah ke jalur pendidikan",
            "bring out-of-school children back into education",
        ),
        benefits=(
            T(
                "anak dari keluarga miskin mendapat bantuan biaya pendidikan",
                "children from poor families get help with school costs",
            ),
            T(
                "sekolah terbuka menerima kembali siswa yang sempat berhenti",
                "schools readily take back pupils who had dropped out",
            ),
        ),
        partners=T(
            "Dinas Sosial, Baznas dan pusat kegiatan belajar masyarakat",
            "the Social Affairs Agency, the national zakat agency and community learning centres",
        ),
        metrics=(M(T("Anak tidak sekolah", "Children out of school"), 1240, 310, CHILDREN),),
        reach=(930, T("{n} anak telah kembali bersekolah", "{n} children have gone back to school")),
        replicators=("kecamatan",),
        digital=True,
        track="nasional",
    ),
    Concept(
        "LITERASI JUMAT",
        T("Gerakan Literasi Jumat Pagi", "Friday Morning Literacy Movement"),
        "smp-negeri-3-sukamaju",
        2018,
        (EDUCATION,),
        (4,),
        what=T(
            "mengajak seluruh siswa dan guru membaca, menulis ringkasan dan mempresentasikan buku pilihan setiap Jumat pagi",
            "gets every pupil and teacher reading, summarising and presenting a book of their choice every Friday morning",
        ),
        problem=T(
            "hasil asesmen menunjukkan kemampuan literasi siswa masih di bawah kompetensi minimum dan koleksi perpustakaan sekolah jarang dipinjam",
            "assessments showed pupils' reading skills were below the minimum standard and the school library's books were rarely borrowed",
        ),
        how=T(
            "setiap Jumat pukul 07.00-07.45 pelajaran diganti dengan sesi literasi, siswa menulis jurnal baca, dan karya terbaik dipajang di majalah dinding serta media sosial sekolah",
            "every Friday from 7.00 to 7.45 lessons make way for a literacy session, pupils keep a reading journal, and the best work goes on the school notice board and social media",
        ),
        target=T("siswa kelas VII sampai IX", "pupils in years 7 to 9"),
        aim=T(
            "menumbuhkan kebiasaan membaca dan kemampuan memahami bacaan",
            "build reading habits and reading comprehension",
        ),
        benefits=(
            T("siswa terbiasa membaca dan menulis setiap minggu", "pupils read and write every week"),
            T(
                "peminjaman buku di perpustakaan sekolah meningkat",
                "more books are borrowed from the school library",
            ),
        ),
        partners=T("komite sekolah dan penerbit lokal", "the school committee and local publishers"),
        metrics=(
            M(
                T(
                    "Siswa mencapai kompetensi minimum literasi",
                    "Pupils reaching the minimum literacy standard",
                ),
                48,
                81,
                PERCENT,
            ),
        ),
        reach=(
            2600,
            T("{n} ringkasan buku telah ditulis siswa", "{n} book summaries have been written by pupils"),
        ),
        replicators=("sekolah",),
        initiator="asn",
    ),
    Concept(
        "GURU KUNJUNG",
        T("Guru Kunjung bagi Siswa Berkebutuhan Khusus", "Home Teaching for Pupils with Special Needs"),
        "sd-negeri-sidomulyo-02",
        2021,
        (EDUCATION, GENDER),
        (4, 10),
        what=T(
            "mendatangkan guru ke rumah siswa berkebutuhan khusus yang tidak dapat mengikuti pembelajaran di sekolah",
            "sends teachers to the homes of pupils with special needs who cannot attend lessons at school",
        ),
        problem=T(
            "beberapa siswa dengan disabilitas fisik berat tertinggal pelajaran berbulan-bulan karena tidak dapat hadir di kelas",
            "some pupils with severe physical disabilities fell months behind because they could not come to class",
        ),
        how=T(
            "guru kelas dan guru pendamping khusus menyusun rencana belajar individual, berkunjung dua kali seminggu, dan melatih orang tua sebagai pendamping belajar di rumah",
            "class teachers and special-needs assistants draw up an individual learning plan, visit twice a week and coach parents to support learning at home",
        ),
        target=T("siswa berkebutuhan khusus dan orang tuanya", "pupils with special needs and their parents"),
        aim=T(
            "menjamin hak belajar setiap anak, termasuk yang tidak dapat hadir di sekolah",
            "guarantee the right to learn for every child, including those who cannot attend school",
        ),
        benefits=(
            T(
                "siswa tetap naik kelas bersama teman sebayanya",
                "pupils move up a year with their classmates",
            ),
            T(
                "orang tua lebih percaya diri mendampingi anak belajar",
                "parents feel more confident helping their children learn",
            ),
        ),
        partners=T(
            "Pusat Layanan Autis, puskesmas dan komite sekolah",
            "the autism service centre, the local health centre and the school committee",
        ),
        metrics=(
            M(
                T(
                    "Kehadiran belajar siswa berkebutuhan khusus",
                    "Learning attendance of pupils with special needs",
                ),
                35,
                94,
                PERCENT,
            ),
        ),
        reach=(
            46,
            T(
                "{n} siswa berkebutuhan khusus telah didampingi di rumah",
                "{n} pupils with special needs have been taught at home",
            ),
        ),
        replicators=("sekolah",),
        initiator="asn",
    ),
    Concept(
        "SIPENAK",
        T("Sistem Informasi Pendataan Keluarga Miskin Terpadu", "Integrated Register of Poor Households"),
        "dinas-sosial",
        2019,
        (POVERTY, GOVERNANCE),
        (1, 10),
        what=T(
            "memperbarui data keluarga miskin setiap bulan dari tingkat RT hingga kota sehingga bantuan sosial tepat sasaran",
            "updates the register of poor households every month, from neighbourhood level up to the city, so that social assistance reaches the right people",
        ),
        problem=T(
            "data penerima bantuan sosial tidak pernah diperbarui, sehingga masih ada warga mampu yang menerima bantuan sementara keluarga miskin baru tidak tercatat",
            "the list of social assistance recipients was never updated, so some better-off residents still received aid while newly poor families were left out",
        ),
        how=T(
            "operator kelurahan memverifikasi usulan RT dengan kunjungan lapangan dan foto kondisi rumah, lalu data dipadankan dengan NIK sebelum diusulkan ke Kementerian Sosial",
            "urban village operators check neighbourhood proposals with field visits and photographs of each home, and the data is matched with civil registration numbers before it goes to the Ministry of Social Affairs",
        ),
        target=T("keluarga miskin dan rentan miskin", "poor and near-poor households"),
        aim=T(
            "menghasilkan data kemiskinan yang akurat sebagai dasar penyaluran bantuan",
            "produce accurate poverty data as the basis for distributing aid",
        ),
        benefits=(
            T(
                "bantuan sosial tersalurkan kepada keluarga yang benar-benar membutuhkan",
                "social assistance goes to the families who really need it",
            ),
            T(
                "keluhan warga tentang bantuan salah sasaran berkurang",
                "complaints about aid going to the wrong people have dropped",
            ),
            T(
                "program OPD lain dapat memakai data yang sama",
                "other departments can use the same data for their programmes",
            ),
        ),
        partners=T(
            "Disdukcapil, Badan Pusat Statistik dan pendamping PKH",
            "the civil registration agency, Statistics Indonesia and family hope programme facilitators",
        ),
        metrics=(
            M(
                T("Data penerima bantuan yang tidak valid", "Invalid records among aid recipients"),
                18.6,
                2.1,
                PERCENT,
                decimals=1,
            ),
        ),
        reach=(38500, T("{n} keluarga telah diverifikasi ulang", "{n} households have been re-verified")),
        replicators=("kecamatan", "kelurahan"),
        digital=True,
        form="tata_kelola",
        track="provinsi",
    ),
    Concept(
        "BERGOTONG",
        T("Bedah Rumah Gotong Royong", "Community Home Renovation"),
        "dinas-perumahan-dan-kawasan-permukiman",
        2018,
        (POVERTY, EMPOWERMENT),
        (1, 11),
        what=T(
            "memperbaiki rumah tidak layak huni milik keluarga miskin dengan memadukan anggaran daerah, dana CSR, zakat dan tenaga gotong royong warga",
            "repairs substandard homes of poor families by combining city funds, company CSR money, zakat and volunteer labour from the neighbours",
        ),
        problem=T(
            "ribuan keluarga miskin tinggal di rumah berlantai tanah, beratap bocor dan tanpa jamban sehat, sementara anggaran APBD hanya cukup untuk memperbaiki puluhan rumah per tahun",
            "thousands of poor families lived in homes with earth floors, leaking roofs and no proper toilet, while the city budget could repair only a few dozen homes a year",
        ),
        how=T(
            "kelurahan mengusulkan rumah sasaran, Disperkim menghitung kebutuhan material, donatur memilih rumah melalui katalog daring, dan warga sekitar bekerja bakti membangun",
            "urban villages propose the homes, the housing agency works out the materials needed, donors choose a home from an online catalogue, and neighbours build together",
        ),
        target=T(
            "keluarga miskin yang menempati rumah tidak layak huni",
            "poor families living in substandard housing",
        ),
        aim=T(
            "mempercepat perbaikan rumah tidak layak huni dengan biaya yang lebih ringan bagi daerah",
            "speed up the repair of substandard homes at a lower cost to the city",
        ),
        benefits=(
            T(
                "keluarga miskin menempati rumah yang aman dan sehat",
                "poor families live in safe, healthy homes",
            ),
            T(
                "biaya per rumah lebih rendah karena tenaga kerja berasal dari warga",
                "the cost per home is lower because neighbours provide the labour",
            ),
            T("semangat gotong royong di lingkungan tumbuh kembali", "neighbourhood solidarity has revived"),
        ),
        partners=T(
            "Baznas, perusahaan swasta dan forum CSR kota",
            "the national zakat agency, private companies and the city CSR forum",
        ),
        metrics=(
            M(
                T("Rumah tidak layak huni yang diperbaiki per tahun", "Substandard homes repaired per year"),
                45,
                310,
                HOMES,
            ),
            M(T("Biaya rata-rata per rumah", "Average cost per home"), 35_000_000, 17_500_000, RUPIAH),
        ),
        reach=(
            1420,
            T(
                "{n} rumah telah diperbaiki secara gotong royong",
                "{n} homes have been repaired with community help",
            ),
        ),
        replicators=("kelurahan",),
        initiator="kepala_daerah",
        track="nasional",
    ),
    Concept(
        "RANTANG KASIH",
        T("Antar Makanan Bergizi bagi Lansia Terlantar", "Nutritious Meals for Neglected Older People"),
        "dinas-sosial",
        2020,
        (POVERTY, HEALTH),
        (1, 2, 3),
        what=T(
            "mengantar makanan bergizi dua kali sehari kepada lansia terlantar dan penyandang disabilitas yang hidup sendiri",
            "delivers nutritious meals twice a day to neglected older people and disabled people who live alone",
        ),
        problem=T(
            "banyak lansia yang hidup sendiri tanpa penghasilan hanya makan seadanya, bahkan ada yang tidak makan seharian",
            "many older people living alone with no income ate very little, and some went whole days without food",
        ),
        how=T(
            "dapur umum kelurahan yang dikelola kelompok usaha warga memasak menu susunan ahli gizi puskesmas, lalu relawan mengantarnya dalam rantang sekaligus menanyakan kondisi kesehatan lansia",
            "a community kitchen run by local residents cooks menus planned by the health centre nutritionist, and volunteers deliver the meals in tiffin carriers while checking on each person's health",
        ),
        target=T(
            "lansia terlantar dan penyandang disabilitas yang hidup sendiri",
            "neglected older people and disabled people living alone",
        ),
        aim=T(
            "memenuhi kebutuhan gizi lansia terlantar sekaligus memantau kondisi mereka setiap hari",
            "meet the nutritional needs of neglected older people and check on them every day",
        ),
        benefits=(
            T(
                "lansia mendapat asupan gizi yang cukup setiap hari",
                "older people get enough to eat every day",
            ),
            T("kondisi darurat cepat diketahui relawan", "volunteers notice emergencies quickly"),
            T(
                "kelompok usaha warga memperoleh penghasilan tetap",
                "the community kitchen earns a steady income",
            ),
        ),
        partners=T(
            "kelompok usaha bersama, puskesmas dan Karang Taruna",
            "local business groups, the health centres and youth organisations",
        ),
        metrics=(
            M(
                T("Penerima dengan status gizi baik", "Recipients with good nutritional status"),
                42,
                79,
                PERCENT,
            ),
        ),
        reach=(268000, T("{n} porsi makanan telah diantar", "{n} meals have been delivered")),
        replicators=("kelurahan",),
    ),
    Concept(
        "PEKARANGAN LESTARI",
        T("Pemanfaatan Pekarangan untuk Pangan Lestari", "Home Gardens for Sustainable Food"),
        "dinas-ketahanan-pangan-dan-pertanian",
        2018,
        (FOOD, EMPOWERMENT),
        (2, 11),
        what=T(
            "mendampingi kelompok wanita tani menanam sayur, memelihara ikan dan mengelola kebun bibit di pekarangan dan lahan tidur",
            "helps women farmers' groups grow vegetables, raise fish and run seedling nurseries in yards and on unused land",
        ),
        problem=T(
            "sebagian besar sayur dan ikan didatangkan dari luar kota sehingga harganya mudah melonjak, sementara banyak pekarangan dan lahan kosong dibiarkan tidak terurus",
            "most vegetables and fish were brought in from outside the city, so prices often spiked, while many yards and empty plots lay unused",
        ),
        how=T(
            "setiap kelompok menerima bibit, media tanam dan pelatihan budidaya, memulai kebun bibit bersama, lalu menjual hasil panen yang berlebih di pasar tani mingguan",
            "each group receives seedlings, growing media and training, starts a shared nursery, and sells surplus produce at a weekly farmers' market",
        ),
        target=T(
            "kelompok wanita tani dan keluarga di kawasan padat penduduk",
            "women farmers' groups and families in densely populated areas",
        ),
        aim=T(
            "meningkatkan ketersediaan pangan bergizi di tingkat keluarga",
            "make nutritious food more available to families",
        ),
        benefits=(
            T("keluarga dapat memenuhi kebutuhan sayur sendiri", "families grow their own vegetables"),
            T("pengeluaran belanja pangan rumah tangga berkurang", "household food spending has fallen"),
            T(
                "para ibu memperoleh tambahan penghasilan dari penjualan hasil panen",
                "women earn extra income from selling their produce",
            ),
        ),
        partners=T(
            "Tim Penggerak PKK dan penyuluh pertanian",
            "the family welfare movement (PKK) and agricultural extension workers",
        ),
        metrics=(
            M(
                T("Skor Pola Pangan Harapan", "Desirable Dietary Pattern score"),
                78.2,
                88.6,
                SCORE,
                decimals=1,
            ),
            M(
                T("Pengeluaran sayur rumah tangga per bulan", "Household spending on vegetables per month"),
                320_000,
                190_000,
                RUPIAH,
            ),
        ),
        reach=(
            86,
            T(
                "{n} kelompok wanita tani telah mengelola pekarangan produktif",
                "{n} women farmers' groups now run productive gardens",
            ),
        ),
        replicators=("kelurahan",),
        form="lainnya",
    ),
    Concept(
        "SI-PAHAT",
        T("Sistem Informasi Harga Pangan Terkini", "Up-to-Date Food Price Information"),
        "dinas-ketahanan-pangan-dan-pertanian",
        2020,
        (FOOD, ECONOMY),
        (2, 8),
        what=T(
            "menyajikan harga harian 30 komoditas pangan di seluruh pasar tradisional kota yang dapat dipantau warga dan pedagang",
            "publishes daily prices of 30 staple foods in every traditional market in the city for residents and traders to follow",
        ),
        problem=T(
            "lonjakan harga cabai, bawang dan beras sering terlambat diketahui sehingga operasi pasar baru digelar setelah harga telanjur tinggi",
            "price spikes for chillies, shallots and rice were noticed late, so market interventions began only after prices had already soared",
        ),
        how=T(
            "petugas pasar memasukkan harga setiap pagi melalui aplikasi, sistem memberi peringatan bila kenaikan melebihi 10 persen, dan tim pengendali inflasi daerah memutuskan langkah stabilisasi",
            "market officers enter prices every morning in an app, the system raises an alert when a price rises more than 10 percent, and the regional inflation control team decides what to do",
        ),
        target=T(
            "konsumen, pedagang pasar dan tim pengendali inflasi daerah",
            "shoppers, market traders and the regional inflation control team",
        ),
        aim=T(
            "menjaga stabilitas harga pangan melalui data yang cepat dan terbuka",
            "keep food prices stable through fast, open data",
        ),
        benefits=(
            T("warga dapat membandingkan harga antarpasar", "residents can compare prices between markets"),
            T(
                "operasi pasar dilakukan lebih cepat dan tepat lokasi",
                "market interventions happen sooner and in the right places",
            ),
        ),
        partners=T(
            "Perumda Pasar Sukamaju Raya, Bank Indonesia dan Bulog",
            "the Sukamaju Raya Market Company, Bank Indonesia and the national logistics agency (Bulog)",
        ),
        metrics=(
            M(T("Waktu respons operasi pasar", "Time to launch a market intervention"), 14, 3, DAYS),
            M(
                T("Inflasi pangan bergejolak tahunan", "Annual volatile food inflation"),
                7.8,
                3.2,
                PERCENT,
                decimals=1,
            ),
        ),
        reach=(210000, T("{n} data harga telah dipublikasikan", "{n} price records have been published")),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "LORONG HIJAU",
        T("Lorong Pangan Perkotaan", "Urban Food Alleys"),
        "kecamatan-sukamaju-timur",
        2021,
        (FOOD, ENVIRONMENT),
        (2, 11, 13),
        what=T(
            "mengubah gang-gang sempit di permukiman padat menjadi kebun sayur vertikal yang dikelola bersama oleh warga",
            "turns narrow alleys in crowded neighbourhoods into vertical vegetable gardens run jointly by residents",
        ),
        problem=T(
            "gang permukiman padat gersang, panas dan sering menjadi tempat pembuangan sampah, sementara warga tidak memiliki lahan untuk bercocok tanam",
            "alleys in crowded neighbourhoods were bare, hot and often used as rubbish dumps, and residents had no land to grow food",
        ),
        how=T(
            "warga satu gang membentuk kelompok, memasang rak tanam dari pipa dan botol bekas, menyiram dengan air hujan yang ditampung, dan membagi hasil panen secara bergiliran",
            "residents of each alley form a group, fit planting racks made from old pipes and bottles, water them with collected rainwater, and share the harvest in turn",
        ),
        target=T(
            "warga permukiman padat tanpa lahan pekarangan",
            "residents of crowded neighbourhoods with no yard",
        ),
        aim=T(
            "menghadirkan sumber pangan dan ruang hijau di permukiman padat",
            "bring food and green space to crowded neighbourhoods",
        ),
        benefits=(
            T("lingkungan gang menjadi lebih sejuk dan bersih", "the alleys are cooler and cleaner"),
            T("warga memperoleh sayur segar tanpa membeli", "residents get fresh vegetables for free"),
            T("sampah plastik dimanfaatkan kembali sebagai pot", "plastic waste is reused as plant pots"),
        ),
        partners=T(
            "PKK, Karang Taruna dan DKPP",
            "the family welfare movement, youth groups and the food security agency",
        ),
        metrics=(M(T("Gang yang menjadi lorong hijau", "Alleys turned into gardens"), 3, 64, ALLEYS),),
        reach=(
            12,
            T(
                "{n} ton sayuran telah dipanen warga",
                "{n} tonnes of vegetables have been harvested by residents",
            ),
        ),
        replicators=("kelurahan",),
        form="lainnya",
        initiator="masyarakat",
    ),
    Concept(
        "KLINIK UMKM",
        T("Klinik Konsultasi Usaha Mikro Naik Kelas", "Advice Clinic for Growing Micro Businesses"),
        "dinas-koperasi-dan-usaha-mikro",
        2019,
        (ECONOMY,),
        (8,),
        what=T(
            "memberikan konsultasi gratis tentang perizinan, pembukuan, pengemasan dan pemasaran digital bagi pelaku usaha mikro",
            "gives micro businesses free advice on licences, bookkeeping, packaging and online marketing",
        ),
        problem=T(
            "sebagian besar usaha mikro belum memiliki izin usaha dan sertifikat halal, belum memisahkan keuangan usaha dan keluarga, serta kesulitan menembus pasar modern",
            "most micro businesses had no business licence or halal certificate, mixed business and household money, and struggled to get into modern retail",
        ),
        how=T(
            "pelaku usaha mendaftar melalui formulir daring, memilih jadwal konsultasi dengan pendamping bersertifikat, lalu didampingi selama tiga bulan hingga produknya siap dipasarkan",
            "business owners sign up online, book a session with a certified adviser, and are coached for three months until their product is ready to sell",
        ),
        target=T(
            "pelaku usaha mikro, terutama perempuan dan pemuda",
            "micro entrepreneurs, especially women and young people",
        ),
        aim=T(
            "membantu usaha mikro naik kelas melalui pendampingan yang terjadwal",
            "help micro businesses grow through scheduled coaching",
        ),
        benefits=(
            T(
                "usaha mikro memperoleh NIB dan sertifikat halal",
                "micro businesses obtain business ID numbers and halal certificates",
            ),
            T(
                "produk lokal masuk ke toko modern dan lokapasar daring",
                "local products are now sold in supermarkets and online marketplaces",
            ),
            T("omzet pelaku usaha meningkat", "business turnover has grown"),
        ),
        partners=T(
            "perguruan tinggi, perbankan dan Kementerian Agama",
            "universities, banks and the Ministry of Religious Affairs",
        ),
        metrics=(
            M(T("Usaha mikro yang memiliki NIB", "Micro businesses with a business ID"), 22, 74, PERCENT),
            M(
                T(
                    "Rata-rata omzet bulanan usaha dampingan",
                    "Average monthly turnover of coached businesses",
                ),
                4_200_000,
                9_800_000,
                RUPIAH,
            ),
        ),
        reach=(
            5700,
            T("{n} pelaku usaha mikro telah didampingi", "{n} micro entrepreneurs have been coached"),
        ),
        replicators=("kecamatan",),
    ),
    Concept(
        "IZIN KILAT",
        T("Izin Usaha Mikro Terbit Satu Hari", "Micro-Business Licences in One Day"),
        "dinas-penanaman-modal-dan-ptsp",
        2018,
        (ECONOMY, GOVERNANCE),
        (8, 16),
        what=T(
            "menerbitkan perizinan usaha mikro dan kecil dalam satu hari kerja melalui layanan daring dan gerai di kecamatan",
            "issues licences for micro and small businesses within one working day, online or at district service points",
        ),
        problem=T(
            "pengurusan izin usaha kecil memakan waktu hingga dua minggu dan mengharuskan pemohon bolak-balik melengkapi berkas",
            "getting a small-business licence took up to two weeks and applicants had to keep coming back with more paperwork",
        ),
        how=T(
            "persyaratan dipangkas menjadi KTP dan foto lokasi usaha, verifikasi dilakukan petugas kecamatan secara daring, dan izin ditandatangani secara elektronik",
            "requirements were cut to an ID card and a photo of the business premises, district staff verify applications online, and licences are signed electronically",
        ),
        target=T("pelaku usaha mikro dan kecil", "micro and small business owners"),
        aim=T(
            "mempermudah dan mempercepat perizinan bagi usaha mikro dan kecil",
            "make licensing faster and simpler for micro and small businesses",
        ),
        benefits=(
            T(
                "pelaku usaha dapat segera mengajukan kredit perbankan",
                "business owners can apply for bank loans sooner",
            ),
            T("tidak ada lagi biaya perantara", "there are no more fees to middlemen"),
            T("jumlah usaha yang berizin meningkat", "more businesses are licensed"),
        ),
        partners=T(
            "sistem OSS Kementerian Investasi dan kantor kecamatan",
            "the national Online Single Submission system and the district offices",
        ),
        metrics=(
            M(T("Waktu penerbitan izin usaha mikro", "Time to issue a micro-business licence"), 14, 1, DAYS),
            M(T("Dokumen persyaratan", "Documents required"), 9, 2, DOCUMENTS),
        ),
        reach=(21300, T("{n} izin usaha mikro telah terbit", "{n} micro-business licences have been issued")),
        replicators=("kecamatan",),
        digital=True,
        track="unpsa",
    ),
    Concept(
        "LOKER SUKAMAJU",
        T("Layanan Informasi Lowongan Kerja Terpadu", "Integrated Job Vacancy Service"),
        "dinas-tenaga-kerja",
        2021,
        (ECONOMY,),
        (8,),
        what=T(
            "mempertemukan pencari kerja dengan perusahaan melalui portal lowongan, bursa kerja daring dan pelatihan singkat sesuai kebutuhan industri",
            "matches job seekers with employers through a vacancy portal, online job fairs and short courses tailored to industry needs",
        ),
        problem=T(
            "pencari kerja mengandalkan informasi dari mulut ke mulut, sementara perusahaan kesulitan menemukan tenaga kerja lokal dengan keterampilan yang tepat",
            "job seekers relied on word of mouth, while employers struggled to find local workers with the right skills",
        ),
        how=T(
            "perusahaan melaporkan lowongan di portal, pencari kerja membuat profil dan kartu pencari kerja secara daring, dan sistem mencocokkan keduanya berdasarkan keterampilan dan lokasi",
            "employers post their vacancies on the portal, job seekers create a profile and get their job-seeker card online, and the system matches them by skills and location",
        ),
        target=T(
            "pencari kerja muda, lulusan SMK dan korban PHK",
            "young job seekers, vocational school graduates and laid-off workers",
        ),
        aim=T(
            "memperpendek masa tunggu pencari kerja untuk mendapatkan pekerjaan",
            "shorten the time job seekers spend waiting for work",
        ),
        benefits=(
            T(
                "informasi lowongan dapat diakses gratis dan terverifikasi",
                "vacancy information is free and verified",
            ),
            T(
                "perusahaan lebih mudah merekrut tenaga kerja lokal",
                "employers can recruit local workers more easily",
            ),
        ),
        partners=T(
            "Apindo, SMK dan balai latihan kerja",
            "the employers' association, vocational schools and job training centres",
        ),
        metrics=(
            M(T("Tingkat pengangguran terbuka", "Open unemployment rate"), 8.1, 5.6, PERCENT, decimals=1),
            M(
                T("Pencari kerja yang ditempatkan per tahun", "Job seekers placed per year"),
                1900,
                5400,
                PEOPLE,
            ),
        ),
        reach=(
            14800,
            T(
                "{n} pencari kerja telah mendapat pekerjaan melalui portal",
                "{n} job seekers have found work through the portal",
            ),
        ),
        digital=True,
    ),
    Concept(
        "SI-RETA",
        T("Sistem Retribusi Pasar Tanpa Tunai", "Cashless Market Fees"),
        "perumda-pasar-sukamaju-raya",
        2022,
        (ECONOMY, GOVERNANCE),
        (8, 16),
        what=T(
            "mengganti penarikan retribusi harian secara tunai dengan pembayaran melalui QRIS dan uang elektronik",
            "replaces daily cash collection of market fees with payment by QR code and e-money",
        ),
        problem=T(
            "retribusi pasar ditarik tunai oleh petugas setiap hari sehingga rawan kebocoran, tidak tercatat rapi, dan pedagang tidak memiliki bukti pembayaran",
            "market fees were collected in cash every day, so money went missing, records were poor and traders had no proof of payment",
        ),
        how=T(
            "setiap kios diberi kode QR, pedagang membayar melalui aplikasi bank atau agen, dan setoran langsung masuk ke rekening kas daerah yang dapat dipantau secara waktu nyata",
            "every stall has a QR code, traders pay through a bank app or agent, and the money goes straight into the city treasury account, which can be monitored in real time",
        ),
        target=T("pedagang pasar tradisional", "traditional market traders"),
        aim=T(
            "meningkatkan pendapatan daerah dan akuntabilitas pengelolaan retribusi pasar",
            "raise city revenue and make market fees accountable",
        ),
        benefits=(
            T("pedagang memiliki bukti bayar yang sah", "traders have valid receipts"),
            T("kebocoran retribusi dapat ditekan", "leakage of market fees has been curbed"),
            T(
                "pedagang mulai menerima pembayaran nontunai dari pembeli",
                "traders have started accepting cashless payment from customers",
            ),
        ),
        partners=T(
            "PT BPR Bank Sukamaju, Bank Indonesia dan Bapenda",
            "Bank Sukamaju, Bank Indonesia and the revenue board",
        ),
        metrics=(
            M(
                T("Pendapatan retribusi pasar per tahun", "Market fee revenue per year"),
                2_100_000_000,
                3_400_000_000,
                RUPIAH,
            ),
            M(T("Pedagang yang membayar nontunai", "Traders paying cashlessly"), 3, 84, PERCENT),
        ),
        reach=(
            2350,
            T("{n} pedagang telah terdaftar dalam sistem", "{n} traders have been registered in the system"),
        ),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "KATANA",
        T("Kelurahan Tangguh Bencana", "Disaster-Resilient Urban Villages"),
        "badan-penanggulangan-bencana-daerah",
        2018,
        (EMPOWERMENT, ENVIRONMENT),
        (11, 13),
        what=T(
            "membentuk dan melatih relawan di setiap kelurahan rawan banjir dan longsor untuk menyusun peta risiko, jalur evakuasi dan rencana kontinjensi",
            "sets up and trains volunteer teams in every flood- and landslide-prone urban village to draw up risk maps, evacuation routes and contingency plans",
        ),
        problem=T(
            "banjir dan tanah longsor terjadi hampir setiap musim hujan, namun warga belum memiliki sistem peringatan dini dan kerap hanya menunggu bantuan dari luar",
            "floods and landslides came nearly every rainy season, yet residents had no early warning system and often just waited for help from outside",
        ),
        how=T(
            "relawan dilatih pertolongan pertama dan evakuasi, memasang alat ukur tinggi muka air sederhana, serta menggelar simulasi bersama warga setiap tahun menjelang musim hujan",
            "volunteers are trained in first aid and evacuation, install simple river-level gauges, and run a drill with residents every year before the rainy season",
        ),
        target=T(
            "warga di kawasan rawan banjir dan longsor", "residents of flood- and landslide-prone areas"
        ),
        aim=T(
            "mengurangi korban dan kerugian akibat bencana melalui kesiapsiagaan warga",
            "reduce casualties and losses from disasters through community preparedness",
        ),
        benefits=(
            T("warga tahu kapan dan ke mana harus mengungsi", "residents know when and where to evacuate"),
            T(
                "peringatan dini menyebar lebih cepat melalui grup WhatsApp RT",
                "early warnings spread faster through neighbourhood WhatsApp groups",
            ),
        ),
        partners=T(
            "PMI, Tagana dan organisasi relawan",
            "the Red Cross, the disaster-response volunteer corps (Tagana) and volunteer organisations",
        ),
        metrics=(
            M(T("Waktu evakuasi warga", "Time to evacuate residents"), 3, 40, HOURS, MINUTES),
            M(
                T("Kelurahan yang memiliki rencana kontinjensi", "Urban villages with a contingency plan"),
                2,
                17,
                URBAN_VILLAGES,
            ),
        ),
        reach=(720, T("{n} relawan kebencanaan telah dilatih", "{n} disaster volunteers have been trained")),
        replicators=("kelurahan",),
        form="lainnya",
        track="provinsi",
    ),
    Concept(
        "BASIS",
        T("Bank Sampah Berbasis Aplikasi", "App-Based Waste Banks"),
        "dinas-lingkungan-hidup",
        2019,
        (ENVIRONMENT, EMPOWERMENT),
        (11, 12),
        what=T(
            "mencatat setoran sampah terpilah warga ke bank sampah melalui aplikasi dan mengubahnya menjadi tabungan, pembayaran listrik atau iuran BPJS",
            "records residents' deliveries of sorted waste to waste banks in an app and turns them into savings, electricity payments or health insurance premiums",
        ),
        problem=T(
            "sampah rumah tangga yang masuk ke TPA terus meningkat dan buku tabungan bank sampah manual sering hilang atau salah hitung",
            "household waste going to the landfill kept growing, and the paper passbooks of waste banks were often lost or miscounted",
        ),
        how=T(
            "nasabah memilah sampah di rumah, petugas bank sampah menimbang dan memasukkan data ke aplikasi, lalu saldo dapat dicairkan atau dipakai membayar tagihan",
            "members sort their rubbish at home, waste bank staff weigh it and enter it in the app, and the balance can be cashed out or used to pay bills",
        ),
        target=T(
            "rumah tangga, sekolah dan pengelola bank sampah", "households, schools and waste bank operators"
        ),
        aim=T(
            "mengurangi sampah yang dibuang ke TPA dengan menjadikan pemilahan sampah bernilai ekonomi",
            "cut the waste sent to landfill by giving sorting an economic value",
        ),
        benefits=(
            T(
                "warga memperoleh tambahan penghasilan dari sampah",
                "residents earn extra income from their rubbish",
            ),
            T("pencatatan bank sampah menjadi transparan", "waste bank records are transparent"),
            T("volume sampah ke TPA berkurang", "less waste goes to landfill"),
        ),
        partners=T(
            "pengepul daur ulang, PLN dan BPJS Kesehatan",
            "recycling collectors, the state electricity company and BPJS Kesehatan",
        ),
        metrics=(
            M(
                T("Sampah yang dikelola bank sampah per bulan", "Waste handled by waste banks per month"),
                38,
                162,
                TONNES,
            ),
            M(T("Sampah yang dibuang ke TPA per hari", "Waste sent to landfill per day"), 412, 355, TONNES),
        ),
        reach=(19600, T("{n} nasabah telah menabung sampah", "{n} members have saved with their waste")),
        replicators=("kelurahan", "sekolah"),
        digital=True,
        track="nasional",
    ),
    Concept(
        "GESIT",
        T("Gerakan Sejuta Lubang Resapan Biopori", "A Million Biopore Infiltration Holes"),
        "dinas-lingkungan-hidup",
        2018,
        (ENVIRONMENT,),
        (6, 13),
        what=T(
            "mengajak warga, sekolah dan kantor membuat lubang resapan biopori untuk menyerap air hujan dan mengolah sampah organik",
            "gets residents, schools and offices to dig biopore holes that soak up rainwater and compost organic waste",
        ),
        problem=T(
            "genangan muncul di banyak ruas jalan setiap hujan deras dan permukaan air tanah terus turun di musim kemarau",
            "many streets flooded after every heavy rain and the water table kept falling in the dry season",
        ),
        how=T(
            "DLH meminjamkan alat bor biopori ke setiap RW, relawan melatih warga cara membuat dan merawat lubang, dan setiap lubang dicatat dalam peta daring",
            "the environment agency lends biopore drills to every neighbourhood, volunteers show residents how to make and maintain the holes, and each hole is logged on an online map",
        ),
        target=T("rumah tangga, sekolah dan perkantoran", "households, schools and offices"),
        aim=T(
            "mengurangi genangan dan menjaga cadangan air tanah", "reduce flooding and protect groundwater"
        ),
        benefits=(
            T(
                "genangan di permukiman surut lebih cepat",
                "standing water in residential areas drains faster",
            ),
            T("sampah organik diolah menjadi kompos", "organic waste becomes compost"),
        ),
        partners=T(
            "sekolah Adiwiyata, Pramuka dan komunitas lingkungan",
            "eco-schools, the scouts and environmental groups",
        ),
        metrics=(M(T("Titik genangan di permukiman", "Flooding spots in residential areas"), 63, 21, SPOTS),),
        reach=(212000, T("{n} lubang biopori telah dibuat", "{n} biopore holes have been made")),
        replicators=("kelurahan",),
        form="lainnya",
    ),
    Concept(
        "SIMANTAP",
        T(
            "Sistem Pemantauan Kualitas Air Sungai Berbasis Sensor",
            "Sensor-Based River Water Quality Monitoring",
        ),
        "dinas-lingkungan-hidup",
        2025,
        (ENVIRONMENT,),
        (6, 14),
        what=T(
            "memantau kualitas air sungai secara terus-menerus dengan sensor yang mengirim data ke dasbor publik",
            "monitors river water quality continuously with sensors that send data to a public dashboard",
        ),
        problem=T(
            "pencemaran sungai oleh limbah industri dan rumah tangga baru diketahui setelah ikan mati atau warga mengeluh, karena sampel air hanya diambil dua kali setahun",
            "pollution of the rivers by factories and households was discovered only when fish died or residents complained, because samples were taken just twice a year",
        ),
        how=T(
            "sensor pH, oksigen terlarut dan kekeruhan dipasang di enam titik sungai, data dikirim setiap 15 menit, dan petugas menerima peringatan otomatis bila baku mutu terlampaui",
            "sensors for pH, dissolved oxygen and turbidity at six points on the rivers send data every 15 minutes and alert officers automatically when standards are exceeded",
        ),
        target=T(
            "warga bantaran sungai, pelaku industri dan petugas pengawas lingkungan",
            "riverside residents, industry and environmental inspectors",
        ),
        aim=T(
            "mendeteksi pencemaran sungai lebih cepat dan menindak pencemar berdasarkan data",
            "detect river pollution faster and act against polluters on the basis of evidence",
        ),
        benefits=(
            T("pencemaran dapat ditindak dalam hitungan jam", "pollution can be dealt with within hours"),
            T(
                "warga dapat melihat kondisi sungai secara terbuka",
                "residents can see the state of the river openly",
            ),
        ),
        partners=T(
            "perguruan tinggi teknik setempat dan Balai Besar Wilayah Sungai",
            "a local engineering university and the river basin authority",
        ),
        metrics=(
            M(T("Waktu deteksi pencemaran", "Time to detect pollution"), 30, 2, DAYS, HOURS),
            M(T("Indeks kualitas air", "Water quality index"), 48.5, 61.2, SCORE, decimals=1),
        ),
        reach=(
            6,
            T(
                "{n} titik sungai kini terpantau sepanjang waktu",
                "{n} river points are now monitored around the clock",
            ),
        ),
        digital=True,
    ),
    Concept(
        "TIRTA CEPAT",
        T("Tanggap Kebocoran Pipa 1x24 Jam", "Pipe Leaks Fixed within 24 Hours"),
        "perumda-air-minum-tirta-sukamaju",
        2019,
        (ENVIRONMENT, GOVERNANCE),
        (6,),
        what=T(
            "menerima laporan kebocoran pipa dan gangguan air dari pelanggan melalui WhatsApp serta menjamin perbaikan dalam 24 jam",
            "takes customer reports of leaks and supply problems via WhatsApp and guarantees a repair within 24 hours",
        ),
        problem=T(
            "tingkat kehilangan air mencapai lebih dari 40 persen dan laporan kebocoran dari pelanggan baru ditangani beberapa hari kemudian",
            "more than 40 percent of the water was lost, and customers' leak reports were dealt with only days later",
        ),
        how=T(
            "pelanggan mengirim foto dan lokasi kebocoran, sistem meneruskannya ke regu perbaikan terdekat, dan pelanggan menerima kabar ketika perbaikan selesai",
            "customers send a photo and the location of a leak, the system passes it to the nearest repair crew, and the customer is told when the repair is done",
        ),
        target=T("pelanggan PDAM dan pengguna jalan", "water customers and road users"),
        aim=T(
            "menekan kehilangan air dan meningkatkan kepuasan pelanggan",
            "cut water losses and improve customer satisfaction",
        ),
        benefits=(
            T("pasokan air pelanggan lebih stabil", "customers' water supply is more reliable"),
            T(
                "air yang terbuang berkurang sehingga tarif dapat ditekan",
                "less water is wasted, which helps keep tariffs down",
            ),
        ),
        partners=T("Dinas Pekerjaan Umum dan pengurus RT", "the public works agency and neighbourhood heads"),
        metrics=(
            M(T("Tingkat kehilangan air", "Non-revenue water"), 42, 27, PERCENT),
            M(T("Waktu perbaikan kebocoran", "Time to repair a leak"), 4, 9, DAYS, HOURS),
        ),
        reach=(12700, T("{n} laporan kebocoran telah ditangani", "{n} leak reports have been dealt with")),
        digital=True,
    ),
    Concept(
        "SAMBER",
        T(
            "Sambungan Air Minum Bersubsidi bagi Masyarakat Berpenghasilan Rendah",
            "Subsidised Water Connections for Low-Income Households",
        ),
        "perumda-air-minum-tirta-sukamaju",
        2021,
        (POVERTY, ENVIRONMENT),
        (1, 6),
        what=T(
            "memasang sambungan air minum perpipaan bagi keluarga berpenghasilan rendah dengan biaya yang dapat dicicil selama dua tahun",
            "connects low-income households to piped water with a fee that can be paid in instalments over two years",
        ),
        problem=T(
            "keluarga miskin membeli air jeriken dengan harga berlipat dibandingkan tarif PDAM karena tidak mampu membayar biaya sambungan baru",
            "poor families bought water by the jerrycan at many times the piped tariff because they could not afford the connection fee",
        ),
        how=T(
            "calon pelanggan diusulkan kelurahan berdasarkan data keluarga miskin, biaya sambungan disubsidi dana hibah dan CSR, dan sisanya dicicil bersama tagihan bulanan",
            "urban villages nominate households from the poverty register, the connection fee is subsidised with grants and CSR funds, and the rest is paid with the monthly bill",
        ),
        target=T("keluarga berpenghasilan rendah", "low-income households"),
        aim=T(
            "memperluas akses air minum aman bagi keluarga berpenghasilan rendah",
            "give more low-income households access to safe drinking water",
        ),
        benefits=(
            T("pengeluaran keluarga miskin untuk air berkurang", "poor families spend less on water"),
            T("risiko diare pada balita menurun", "the risk of diarrhoea in young children has fallen"),
        ),
        partners=T(
            "Dinas Sosial dan program hibah air minum pemerintah pusat",
            "the Social Affairs Agency and the central government's drinking water grant programme",
        ),
        metrics=(
            M(
                T("Pengeluaran keluarga untuk air per bulan", "Household spending on water per month"),
                210_000,
                65_000,
                RUPIAH,
            ),
            M(T("Cakupan layanan air perpipaan", "Piped water coverage"), 61, 78, PERCENT),
        ),
        reach=(
            4800,
            T("{n} sambungan bersubsidi telah terpasang", "{n} subsidised connections have been installed"),
        ),
        initiator="kepala_daerah",
    ),
    Concept(
        "SAPA PUAN",
        T(
            "Layanan Pengaduan Kekerasan terhadap Perempuan dan Anak 24 Jam",
            "24-Hour Helpline for Women and Children Facing Violence",
        ),
        "dinas-pppapkb",
        2019,
        (GENDER, LAW),
        (5, 16),
        what=T(
            "menyediakan layanan pengaduan kekerasan terhadap perempuan dan anak selama 24 jam melalui telepon, WhatsApp dan pos pengaduan di kecamatan",
            "runs a 24-hour helpline for women and children facing violence, by phone, WhatsApp and at complaint desks in every district",
        ),
        problem=T(
            "banyak korban kekerasan dalam rumah tangga tidak melapor karena takut, malu atau tidak tahu harus mengadu ke mana",
            "many victims of domestic violence did not report it because they were afraid, ashamed or did not know where to go",
        ),
        how=T(
            "setiap laporan diterima konselor terlatih, korban yang dalam bahaya segera dijemput, lalu didampingi untuk layanan medis, psikologis dan hukum hingga kasusnya tuntas",
            "trained counsellors take every report, victims in danger are picked up at once, and they are supported through medical, psychological and legal help until the case is resolved",
        ),
        target=T("perempuan dan anak korban kekerasan", "women and children who have suffered violence"),
        aim=T(
            "memastikan setiap korban kekerasan mendapat perlindungan dan pendampingan yang cepat",
            "make sure every victim of violence gets fast protection and support",
        ),
        benefits=(
            T(
                "korban dapat melapor kapan saja dengan kerahasiaan terjaga",
                "victims can report at any time in confidence",
            ),
            T(
                "penanganan kasus terkoordinasi dengan kepolisian dan rumah sakit",
                "cases are handled together with the police and hospitals",
            ),
        ),
        partners=T(
            "Unit PPA Polres, RSUD Kota Sukamaju, lembaga bantuan hukum dan Himpunan Psikologi Indonesia",
            "the police women and children unit, the city hospital, legal aid organisations and the Indonesian Psychological Association",
        ),
        metrics=(
            M(T("Waktu respons pengaduan", "Response time to a report"), 3, 30, DAYS, MINUTES),
            M(T("Kasus yang tertangani tuntas", "Cases fully resolved"), 46, 88, PERCENT),
        ),
        reach=(
            1270,
            T("{n} korban kekerasan telah didampingi", "{n} victims of violence have been supported"),
        ),
        replicators=("kecamatan",),
        digital=True,
        track="terpuji",
    ),
    Concept(
        "BUNDA BERKARYA",
        T(
            "Pelatihan dan Permodalan bagi Perempuan Kepala Keluarga",
            "Training and Start-Up Capital for Women Heads of Household",
        ),
        "dinas-pppapkb",
        2020,
        (GENDER, ECONOMY),
        (5, 8),
        what=T(
            "melatih perempuan kepala keluarga membuka usaha rumahan dan menghubungkan mereka dengan kredit tanpa agunan",
            "trains women who head their households to start home businesses and connects them with collateral-free loans",
        ),
        problem=T(
            "perempuan kepala keluarga, banyak di antaranya janda atau ditinggal suami merantau, menanggung beban ekonomi sendirian dan kerap terjerat rentenir",
            "women heading their households, many widowed or left behind by migrant husbands, carried the family alone and often fell into the hands of loan sharks",
        ),
        how=T(
            "peserta mengikuti pelatihan keterampilan dan pengelolaan keuangan selama sebulan, membentuk kelompok usaha, lalu mendapat modal awal dan pendampingan pemasaran",
            "participants take a month of skills and money-management training, form business groups, then receive start-up capital and marketing support",
        ),
        target=T("perempuan kepala keluarga dari keluarga miskin", "women heads of poor households"),
        aim=T(
            "meningkatkan kemandirian ekonomi perempuan kepala keluarga",
            "help women heads of household become financially independent",
        ),
        benefits=(
            T(
                "peserta memiliki penghasilan tetap dari usaha sendiri",
                "participants have a regular income from their own business",
            ),
            T("ketergantungan pada rentenir berkurang", "fewer women depend on loan sharks"),
        ),
        partners=T(
            "Yayasan PEKKA, PT BPR Bank Sukamaju dan Dinas Koperasi",
            "the women-headed household network PEKKA, Bank Sukamaju and the Cooperatives Agency",
        ),
        metrics=(
            M(
                T("Pendapatan rata-rata peserta per bulan", "Participants' average monthly income"),
                850_000,
                2_300_000,
                RUPIAH,
            ),
        ),
        reach=(
            640,
            T(
                "{n} perempuan kepala keluarga kini memiliki usaha",
                "{n} women heads of household now run a business",
            ),
        ),
        replicators=("kelurahan",),
    ),
    Concept(
        "SIPANDU",
        T("Sistem Pengaduan Terpadu Warga", "Integrated Public Complaints System"),
        "dinas-komunikasi-dan-informatika",
        2018,
        (GOVERNANCE,),
        (16,),
        what=T(
            "menampung pengaduan warga dari aplikasi, WhatsApp, media sosial dan SP4N-LAPOR! dalam satu dasbor yang meneruskannya ke OPD terkait",
            "collects residents' complaints from an app, WhatsApp, social media and the national LAPOR! system in one dashboard that forwards them to the right department",
        ),
        problem=T(
            "pengaduan warga tersebar di banyak kanal, tidak jelas siapa yang menindaklanjuti, dan banyak aduan dibiarkan tanpa jawaban",
            "complaints came in through many channels, nobody was clearly responsible for them, and many went unanswered",
        ),
        how=T(
            "admin kota memverifikasi setiap aduan, meneruskannya ke OPD dengan batas waktu jawaban tiga hari kerja, dan warga dapat memberi penilaian atas tindak lanjutnya",
            "city administrators check each complaint and forward it to a department with three working days to reply, and residents can rate the response",
        ),
        target=T("seluruh warga kota", "everyone in the city"),
        aim=T(
            "memastikan setiap pengaduan warga ditindaklanjuti secara cepat dan terbuka",
            "make sure every complaint is followed up quickly and openly",
        ),
        benefits=(
            T(
                "warga mengetahui perkembangan aduannya",
                "residents can follow the progress of their complaint",
            ),
            T(
                "kinerja OPD dalam menangani aduan dapat dibandingkan",
                "departments' complaint handling can be compared",
            ),
            T(
                "pimpinan daerah memperoleh gambaran nyata tentang masalah layanan",
                "the city's leaders get a real picture of service problems",
            ),
        ),
        partners=T(
            "Ombudsman RI Perwakilan Jawa Tengah dan seluruh OPD",
            "the Central Java office of the Ombudsman and every city department",
        ),
        metrics=(
            M(T("Aduan yang ditindaklanjuti", "Complaints followed up"), 37, 96, PERCENT),
            M(T("Rata-rata waktu tindak lanjut", "Average response time"), 12, 2, DAYS),
        ),
        reach=(41800, T("{n} aduan warga telah diselesaikan", "{n} complaints have been resolved")),
        replicators=("kecamatan",),
        digital=True,
        form="tata_kelola",
        track="nasional",
    ),
    Concept(
        "MPP KELILING",
        T("Mal Pelayanan Publik Keliling", "Mobile Public Service Mall"),
        "dinas-penanaman-modal-dan-ptsp",
        2022,
        (GOVERNANCE,),
        (16,),
        what=T(
            "membawa layanan perizinan, kependudukan, pajak, BPJS dan perbankan dalam satu bus layanan yang berkeliling ke kelurahan",
            "brings licensing, civil registration, tax, social insurance and banking services to urban villages on a single service bus",
        ),
        problem=T(
            "warga di wilayah pinggiran harus menempuh perjalanan jauh dan berpindah-pindah kantor untuk mengurus beberapa layanan sekaligus",
            "residents on the outskirts had to travel a long way and visit several offices to sort out more than one service",
        ),
        how=T(
            "bus MPP keliling mengikuti jadwal bulanan yang diumumkan di media sosial, membawa petugas dari 12 instansi, dan terhubung daring dengan sistem setiap instansi",
            "the service bus follows a monthly timetable announced on social media, carries staff from 12 agencies, and connects online to each agency's system",
        ),
        target=T(
            "warga wilayah pinggiran dan warga lanjut usia", "residents on the outskirts and older people"
        ),
        aim=T(
            "mendekatkan berbagai layanan publik ke tempat tinggal warga",
            "bring public services closer to where people live",
        ),
        benefits=(
            T(
                "beberapa urusan dapat selesai dalam satu kunjungan",
                "several matters can be sorted out in one visit",
            ),
            T("biaya transportasi warga berkurang", "residents spend less on transport"),
        ),
        partners=T(
            "BPJS Kesehatan, BPJS Ketenagakerjaan, Kantor Pertanahan dan bank daerah",
            "the health and employment social insurance agencies, the land office and the regional bank",
        ),
        metrics=(
            M(
                T("Jarak tempuh warga ke lokasi layanan", "Distance residents travel to a service point"),
                11,
                1.5,
                KM,
                decimals=1,
            ),
        ),
        reach=(
            16900,
            T(
                "{n} warga telah dilayani di bus MPP keliling",
                "{n} residents have been served on the service bus",
            ),
        ),
        replicators=("kecamatan",),
    ),
    Concept(
        "KLINIK INOVASI",
        T("Klinik Pendampingan Inovasi Pelayanan Publik", "Public Service Innovation Clinic"),
        "bagian-organisasi-setda",
        2020,
        (GOVERNANCE,),
        (16, 17),
        what=T(
            "mendampingi OPD dan unit layanan menyusun, menguji dan mendokumentasikan inovasi hingga siap diikutkan dalam kompetisi",
            "helps departments and service units design, test and document their innovations until they are ready to enter competitions",
        ),
        problem=T(
            "banyak inovasi bagus di unit layanan tidak terdokumentasi dan proposal KIPP yang dikirim sering gugur pada seleksi administrasi",
            "many good innovations in service units were never written down, and the KIPP proposals that were sent often failed the administrative check",
        ),
        how=T(
            "setiap bulan klinik membuka sesi konsultasi, memberikan templat proposal, mengulas draf bersama akademisi, dan mencatat seluruh inovasi dalam katalog kota",
            "each month the clinic holds advice sessions, provides proposal templates, reviews drafts with academics and records every innovation in the city catalogue",
        ),
        target=T(
            "OPD, kecamatan, kelurahan, puskesmas dan sekolah",
            "departments, districts, urban villages, health centres and schools",
        ),
        aim=T(
            "meningkatkan jumlah dan mutu inovasi pelayanan publik yang terdokumentasi",
            "raise the number and quality of documented public service innovations",
        ),
        benefits=(
            T(
                "proposal yang dikirim lebih lengkap dan lolos seleksi administrasi",
                "proposals are more complete and pass the administrative check",
            ),
            T(
                "inovasi unit layanan dikenal dan direplikasi unit lain",
                "service units' innovations become known and are copied by others",
            ),
        ),
        partners=T(
            "perguruan tinggi dan Jaringan Inovasi Pelayanan Publik (JIPP) Provinsi Jawa Tengah",
            "universities and the Central Java Public Service Innovation Network (JIPP)",
        ),
        metrics=(
            M(
                T(
                    "Proposal KIPP yang lolos seleksi administrasi",
                    "KIPP proposals passing the administrative check",
                ),
                40,
                92,
                PERCENT,
            ),
            M(
                T("Inovasi terdokumentasi dalam katalog", "Innovations documented in the catalogue"),
                34,
                180,
                INNOVATIONS,
            ),
        ),
        reach=(
            210,
            T("{n} proposal inovasi telah didampingi", "{n} innovation proposals have been reviewed"),
        ),
        form="tata_kelola",
    ),
    Concept(
        "SI-REMBUG",
        T("Musyawarah Perencanaan Pembangunan Digital", "Digital Development Planning Meetings"),
        "badan-perencanaan-riset-dan-inovasi-daerah",
        2019,
        (GOVERNANCE, EMPOWERMENT),
        (11, 16),
        what=T(
            "memungkinkan warga mengusulkan, memantau dan menilai usulan pembangunan dari tingkat RT hingga kota melalui aplikasi",
            "lets residents propose, track and rate development proposals through an app, from neighbourhood up to city level",
        ),
        problem=T(
            "usulan warga dalam musrenbang tercatat di kertas, sering hilang di tengah jalan, dan warga tidak tahu apakah usulannya didanai",
            "residents' proposals at planning meetings were written on paper, often got lost along the way, and people never learned whether they had been funded",
        ),
        how=T(
            "usulan dimasukkan lengkap dengan foto dan titik lokasi, diberi skor prioritas secara otomatis, dan statusnya dapat dilacak hingga tercantum dalam APBD",
            "proposals are entered with a photo and a map location, given a priority score automatically, and can be followed until they appear in the city budget",
        ),
        target=T(
            "warga, pengurus RT/RW dan lembaga kemasyarakatan",
            "residents, neighbourhood heads and community organisations",
        ),
        aim=T(
            "menjadikan perencanaan pembangunan lebih partisipatif dan transparan",
            "make development planning more participatory and transparent",
        ),
        benefits=(
            T("warga dapat memantau nasib usulannya", "residents can see what happened to their proposals"),
            T(
                "usulan ganda antar-OPD dapat dihindari",
                "duplicate proposals between departments are avoided",
            ),
        ),
        partners=T(
            "Diskominfo, Forum Anak dan forum penyandang disabilitas",
            "the Communication and Informatics Agency, the children's forum and the disability forum",
        ),
        metrics=(
            M(
                T("Usulan warga yang terakomodasi dalam APBD", "Residents' proposals included in the budget"),
                19,
                47,
                PERCENT,
            ),
        ),
        reach=(
            26400,
            T(
                "{n} usulan warga telah tercatat secara daring",
                "{n} proposals from residents have been recorded online",
            ),
        ),
        replicators=("kecamatan",),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "PKL TERTIB",
        T("Penataan Pedagang Kaki Lima secara Humanis", "Humane Rearrangement of Street Vendors"),
        "satuan-polisi-pamong-praja",
        2019,
        (LAW, ECONOMY),
        (8, 16),
        what=T(
            "menata pedagang kaki lima melalui dialog, relokasi ke sentra kuliner dan pembinaan usaha, bukan penggusuran paksa",
            "organises street vendors through dialogue, relocation to food centres and business coaching instead of forced evictions",
        ),
        problem=T(
            "penertiban pedagang kaki lima selalu berujung bentrok, pedagang kembali ke trotoar beberapa hari kemudian, dan pejalan kaki kehilangan haknya",
            "clearing street vendors always ended in clashes, the vendors were back on the pavement a few days later, and pedestrians lost their space",
        ),
        how=T(
            "petugas mendata pedagang, mengajak paguyuban berdialog, menyiapkan lokasi relokasi bersama Dinas Koperasi, dan memberi masa transisi sebelum perda ditegakkan",
            "officers register the vendors, talk with their associations, prepare relocation sites with the Cooperatives Agency, and allow a transition period before enforcing the by-law",
        ),
        target=T("pedagang kaki lima dan pejalan kaki", "street vendors and pedestrians"),
        aim=T(
            "menegakkan peraturan daerah tentang ketertiban umum tanpa mematikan usaha kecil",
            "enforce public order by-laws without killing off small businesses",
        ),
        benefits=(
            T("trotoar kembali berfungsi bagi pejalan kaki", "pavements are usable for pedestrians again"),
            T(
                "pedagang memperoleh tempat berjualan yang legal dan tetap",
                "vendors have a legal, permanent place to trade",
            ),
            T(
                "konflik antara petugas dan pedagang tidak terulang",
                "conflict between officers and vendors has stopped",
            ),
        ),
        partners=T(
            "Dinas Koperasi, paguyuban PKL dan Perumda Pasar",
            "the Cooperatives Agency, vendors' associations and the market company",
        ),
        metrics=(
            M(
                T("Pelanggaran PKL di trotoar per bulan", "Vendor violations on pavements per month"),
                240,
                35,
                CASES,
            ),
            M(
                T("Bentrokan saat penertiban per tahun", "Clashes during enforcement per year"),
                11,
                0,
                INCIDENTS,
            ),
        ),
        reach=(860, T("{n} pedagang kaki lima telah direlokasi", "{n} street vendors have been relocated")),
    ),
    Concept(
        "KLIK HUKUM",
        T("Konsultasi Layanan Hukum Gratis di Kelurahan", "Free Legal Advice in Urban Villages"),
        "bagian-hukum-setda",
        2020,
        (LAW, POVERTY),
        (10, 16),
        what=T(
            "menghadirkan konsultasi hukum gratis oleh advokat dan paralegal di kantor kelurahan setiap pekan",
            "provides free legal advice from lawyers and paralegals at urban village offices every week",
        ),
        problem=T(
            "warga miskin yang menghadapi sengketa tanah, utang piutang atau perceraian tidak mampu membayar jasa advokat dan sering tidak memahami hak-haknya",
            "poor residents facing land disputes, debt problems or divorce could not pay for a lawyer and often did not know their rights",
        ),
        how=T(
            "kelurahan menyediakan ruang konsultasi setiap Rabu, advokat dari organisasi bantuan hukum memberi nasihat, dan kasus yang memenuhi syarat didampingi hingga pengadilan dengan biaya APBD",
            "urban villages provide a consultation room every Wednesday, lawyers from legal aid organisations give advice, and eligible cases are taken to court at the city's expense",
        ),
        target=T("warga miskin dan kelompok rentan", "poor residents and vulnerable groups"),
        aim=T("memperluas akses keadilan bagi warga miskin", "widen access to justice for poor residents"),
        benefits=(
            T(
                "warga memahami hak dan pilihan hukumnya",
                "residents understand their rights and legal options",
            ),
            T(
                "banyak sengketa selesai melalui mediasi tanpa ke pengadilan",
                "many disputes are settled by mediation without going to court",
            ),
        ),
        partners=T(
            "Peradi, LBH setempat dan fakultas hukum",
            "the Indonesian Bar Association, local legal aid institutes and a law faculty",
        ),
        metrics=(
            M(
                T("Sengketa yang selesai melalui mediasi", "Disputes settled through mediation"),
                12,
                58,
                PERCENT,
            ),
        ),
        reach=(
            2900,
            T(
                "{n} warga telah mendapat konsultasi hukum gratis",
                "{n} residents have received free legal advice",
            ),
        ),
        replicators=("kelurahan",),
    ),
    Concept(
        "WBS SUKAMAJU",
        T("Sistem Pelaporan Pelanggaran dan Gratifikasi", "Whistleblowing and Gratuity Reporting System"),
        "inspektorat-daerah",
        2021,
        (LAW, GOVERNANCE),
        (16,),
        what=T(
            "memungkinkan pegawai dan warga melaporkan dugaan pungutan liar, gratifikasi dan penyalahgunaan wewenang secara anonim",
            "lets staff and residents report suspected illegal charges, gratuities and abuse of power anonymously",
        ),
        problem=T(
            "warga enggan melaporkan pungutan liar karena takut identitasnya diketahui, sementara laporan yang dikirim lewat surat jarang ditindaklanjuti",
            "residents were reluctant to report illegal charges for fear of being identified, and letters of complaint were rarely followed up",
        ),
        how=T(
            "pelapor mengisi formulir daring tanpa identitas, menerima kode unik untuk memantau laporannya, dan auditor Inspektorat menindaklanjuti dalam 14 hari dengan menjaga kerahasiaan pelapor",
            "whistleblowers fill in an online form without giving their name, receive a code to follow their report, and the Inspectorate's auditors act within 14 days while protecting their identity",
        ),
        target=T("aparatur sipil negara dan pengguna layanan", "civil servants and service users"),
        aim=T(
            "mencegah korupsi dan pungutan liar dalam pelayanan publik",
            "prevent corruption and illegal charges in public services",
        ),
        benefits=(
            T("identitas pelapor terlindungi", "whistleblowers' identities are protected"),
            T(
                "praktik pungutan liar di unit layanan menurun",
                "illegal charges at service counters have declined",
            ),
        ),
        partners=T(
            "KPK melalui program koordinasi dan supervisi pencegahan serta Tim Saber Pungli",
            "the Corruption Eradication Commission's prevention programme and the anti-extortion task force",
        ),
        metrics=(
            M(
                T("Laporan gratifikasi yang diterima per tahun", "Gratuity reports received per year"),
                3,
                47,
                REPORTS,
            ),
            M(
                T("Skor Monitoring Center for Prevention KPK", "KPK corruption prevention monitoring score"),
                61,
                89,
                SCORE,
            ),
        ),
        reach=(312, T("{n} laporan telah ditindaklanjuti", "{n} reports have been followed up")),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "SAHABAT PELAJAR",
        T("Angkutan Sekolah Gratis bagi Pelajar", "Free School Transport for Pupils"),
        "dinas-perhubungan",
        2018,
        (EDUCATION, POVERTY),
        (4, 11),
        what=T(
            "menyediakan bus sekolah gratis pada jam berangkat dan pulang sekolah di rute permukiman yang tidak dilayani angkutan umum",
            "runs free school buses at the start and end of the school day on residential routes with no public transport",
        ),
        problem=T(
            "banyak pelajar dari keluarga miskin menghabiskan sebagian besar uang saku untuk ongkos angkutan, sementara sebagian lainnya mengendarai sepeda motor tanpa SIM",
            "many pupils from poor families spent most of their pocket money on fares, while others rode motorbikes without a licence",
        ),
        how=T(
            "rute disusun dari data alamat siswa, bus berhenti di titik jemput yang ditandai, dan orang tua dapat memantau posisi bus melalui aplikasi",
            "routes are planned from pupils' home addresses, buses stop at marked pick-up points, and parents can track them in an app",
        ),
        target=T(
            "pelajar SD dan SMP, terutama dari keluarga miskin",
            "primary and junior secondary pupils, especially from poor families",
        ),
        aim=T(
            "mengurangi beban biaya transportasi sekolah dan kecelakaan yang melibatkan pelajar",
            "lower the cost of getting to school and reduce accidents involving pupils",
        ),
        benefits=(
            T("orang tua menghemat biaya transportasi anak", "parents save on their children's fares"),
            T("pelajar tiba di sekolah tepat waktu dan selamat", "pupils get to school safely and on time"),
            T(
                "pelajar di bawah umur tidak lagi mengendarai sepeda motor",
                "under-age pupils have stopped riding motorbikes",
            ),
        ),
        partners=T(
            "Dinas Pendidikan dan Kebudayaan, Satlantas Polres dan Organda",
            "the Education and Culture Agency, the traffic police and the road transport operators' association",
        ),
        metrics=(
            M(
                T(
                    "Kecelakaan lalu lintas yang melibatkan pelajar per tahun",
                    "Road accidents involving pupils per year",
                ),
                57,
                19,
                CASES,
            ),
            M(
                T("Pelajar pengguna bus sekolah per hari", "Pupils using the school bus each day"),
                400,
                2300,
                PUPILS,
            ),
        ),
        reach=(1_900_000, T("{n} perjalanan pelajar telah dilayani", "{n} pupil journeys have been made")),
        initiator="kepala_daerah",
    ),
    Concept(
        "PARKIR PINTAR",
        T("Parkir Tepi Jalan Nontunai", "Cashless On-Street Parking"),
        "dinas-perhubungan",
        2023,
        (GOVERNANCE,),
        (11, 16),
        what=T(
            "menerapkan pembayaran parkir tepi jalan dengan QRIS dan kartu elektronik yang tercatat langsung di kas daerah",
            "brings in QR-code and e-card payment for on-street parking, recorded directly in the city treasury",
        ),
        problem=T(
            "pendapatan parkir tepi jalan jauh di bawah potensinya karena setoran juru parkir tidak tercatat dan pengguna jarang menerima karcis",
            "on-street parking earned far less than it should because attendants' takings were not recorded and drivers seldom got a ticket",
        ),
        how=T(
            "juru parkir dibekali perangkat genggam, pengguna membayar dengan memindai kode QR, dan juru parkir menerima bagi hasil harian melalui rekening",
            "attendants carry handheld devices, drivers pay by scanning a QR code, and attendants receive their daily share by bank transfer",
        ),
        target=T("pengguna kendaraan dan juru parkir", "drivers and parking attendants"),
        aim=T(
            "meningkatkan pendapatan parkir dan memberi kepastian tarif bagi pengguna",
            "raise parking revenue and guarantee fair prices for drivers",
        ),
        benefits=(
            T(
                "tarif parkir pasti dan ada bukti pembayaran",
                "parking charges are fixed and there is a receipt",
            ),
            T(
                "juru parkir memperoleh penghasilan dan jaminan sosial yang jelas",
                "attendants have a clear income and social insurance",
            ),
        ),
        partners=T(
            "Bank Jateng, Bapenda dan paguyuban juru parkir",
            "the Central Java regional bank, the revenue board and the parking attendants' association",
        ),
        metrics=(
            M(
                T("Pendapatan parkir tepi jalan per tahun", "On-street parking revenue per year"),
                1_800_000_000,
                4_600_000_000,
                RUPIAH,
            ),
        ),
        reach=(
            118,
            T(
                "{n} titik parkir telah beralih ke pembayaran nontunai",
                "{n} parking zones have switched to cashless payment",
            ),
        ),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "DAMKAR SIGAP",
        T("Pos Satelit Pemadam Kebakaran di Setiap Kecamatan", "Satellite Fire Posts in Every District"),
        "dinas-pemadam-kebakaran-dan-penyelamatan",
        2020,
        (GOVERNANCE, EMPOWERMENT),
        (11,),
        what=T(
            "mendirikan pos pemadam satelit di setiap kecamatan dan melatih relawan kebakaran di kampung padat",
            "sets up satellite fire posts in every district and trains fire volunteers in crowded neighbourhoods",
        ),
        problem=T(
            "armada pemadam hanya bersiaga di satu markas di pusat kota sehingga sulit menjangkau permukiman padat di pinggiran dengan cepat",
            "the fire engines were all based at one station in the city centre, which made it hard to reach crowded outlying neighbourhoods quickly",
        ),
        how=T(
            "setiap pos satelit dilengkapi satu mobil pemadam dan motor pemadam untuk gang sempit, panggilan 112 diteruskan ke pos terdekat, dan relawan kampung melakukan pemadaman awal dengan APAR",
            "each satellite post has one fire engine and a fire motorbike for narrow alleys, emergency calls to 112 go to the nearest post, and neighbourhood volunteers tackle fires early with extinguishers",
        ),
        target=T(
            "warga permukiman padat dan kawasan pasar", "residents of crowded neighbourhoods and market areas"
        ),
        aim=T(
            "mempercepat respons kebakaran dan mengurangi kerugian",
            "respond to fires faster and reduce losses",
        ),
        benefits=(
            T(
                "api dapat dipadamkan sebelum merambat ke rumah lain",
                "fires are put out before they spread to other houses",
            ),
            T("warga lebih siap menghadapi kebakaran", "residents are better prepared for fires"),
        ),
        partners=T(
            "Diskominfo melalui layanan 112, kecamatan dan relawan kebakaran",
            "the 112 service of the Communication and Informatics Agency, the districts and fire volunteers",
        ),
        metrics=(
            M(T("Waktu tanggap kebakaran", "Fire response time"), 27, 11, MINUTES),
            M(
                T("Kerugian akibat kebakaran per tahun", "Fire losses per year"),
                9_800_000_000,
                3_100_000_000,
                RUPIAH,
            ),
        ),
        reach=(
            5,
            T("{n} pos pemadam satelit telah beroperasi", "{n} satellite fire posts are now in operation"),
        ),
    ),
    Concept(
        "SABTU MELAYANI",
        T("Pelayanan Administrasi Kecamatan di Hari Sabtu", "Saturday Opening for District Services"),
        "kecamatan-sukamaju-utara",
        2022,
        (GOVERNANCE,),
        (16,),
        what=T(
            "membuka layanan administrasi kependudukan, perizinan ringan dan legalisasi dokumen setiap Sabtu pagi",
            "opens civil registration, simple permits and document certification every Saturday morning",
        ),
        problem=T(
            "warga yang bekerja pada jam kantor harus mengambil cuti untuk mengurus surat di kecamatan, dan antrean selalu menumpuk pada Senin pagi",
            "residents who work office hours had to take leave to deal with paperwork at the district office, and queues built up every Monday morning",
        ),
        how=T(
            "petugas bekerja bergiliran dengan hari libur pengganti, layanan dibuka pukul 08.00-12.00, dan warga dapat mendaftar antrean lebih dulu melalui WhatsApp",
            "staff work on a rota with a day off in lieu, services open from 8.00 to 12.00, and residents can book a place in the queue via WhatsApp",
        ),
        target=T("pekerja, pedagang dan mahasiswa", "workers, traders and students"),
        aim=T(
            "memberi kesempatan warga mengurus administrasi tanpa meninggalkan pekerjaan",
            "let residents deal with paperwork without missing work",
        ),
        benefits=(
            T("warga tidak perlu mengambil cuti kerja", "residents do not have to take leave"),
            T("antrean hari Senin berkurang", "the Monday queue has shrunk"),
        ),
        partners=T(
            "Disdukcapil dan kelurahan se-kecamatan",
            "the civil registration agency and the district's urban villages",
        ),
        metrics=(M(T("Antrean pada Senin pagi", "Queue on Monday mornings"), 140, 45, PEOPLE),),
        reach=(
            8300,
            T("{n} warga telah dilayani pada hari Sabtu", "{n} residents have been served on Saturdays"),
        ),
        replicators=("kecamatan",),
        initiator="asn",
    ),
    Concept(
        "SI-RT",
        T("Surat Pengantar RT/RW secara Daring", "Online Neighbourhood Cover Letters"),
        "kelurahan-mekarsari",
        2021,
        (GOVERNANCE,),
        (16,),
        what=T(
            "menerbitkan surat pengantar RT/RW secara daring dengan tanda tangan elektronik dan kode QR yang dapat diverifikasi kelurahan",
            "issues neighbourhood cover letters online, with electronic signatures and a QR code the urban village can verify",
        ),
        problem=T(
            "untuk mengurus satu surat di kelurahan, warga harus lebih dulu menemui ketua RT dan RW di rumah masing-masing, yang sering tidak ada di tempat",
            "to get a single document at the urban village office, residents first had to find the neighbourhood heads at home, and they were often out",
        ),
        how=T(
            "warga mengisi permohonan di ponsel, ketua RT dan RW menyetujuinya dari aplikasi, dan surat pengantar langsung masuk ke sistem kelurahan tanpa perlu dicetak",
            "residents apply by phone, the neighbourhood heads approve in the app, and the cover letter goes straight into the urban village system without being printed",
        ),
        target=T("warga kelurahan dan pengurus RT/RW", "residents and neighbourhood heads"),
        aim=T(
            "mempercepat pengurusan surat di tingkat RT, RW dan kelurahan",
            "speed up paperwork at neighbourhood and urban village level",
        ),
        benefits=(
            T(
                "warga tidak perlu mencari ketua RT dan RW",
                "residents no longer need to track down neighbourhood heads",
            ),
            T("pemalsuan surat pengantar dapat dicegah", "forged cover letters are prevented"),
            T("penggunaan kertas berkurang", "less paper is used"),
        ),
        partners=T(
            "Diskominfo dan forum RT/RW",
            "the Communication and Informatics Agency and the neighbourhood heads' forum",
        ),
        metrics=(
            M(T("Waktu memperoleh surat pengantar", "Time to obtain a cover letter"), 2, 30, DAYS, MINUTES),
        ),
        reach=(
            6400,
            T("{n} surat pengantar telah terbit secara daring", "{n} cover letters have been issued online"),
        ),
        replicators=("kelurahan",),
        digital=True,
        initiator="asn",
    ),
    Concept(
        "SEDEKAH SAMPAH",
        T("Sampah Warga untuk Beasiswa Anak Yatim", "Waste Donations that Fund Orphans' Scholarships"),
        "kelurahan-sidomulyo",
        2019,
        (ENVIRONMENT, POVERTY),
        (1, 12),
        what=T(
            "mengumpulkan sampah anorganik dari warga setiap Jumat dan menggunakan hasil penjualannya untuk beasiswa anak yatim dan santunan lansia",
            "collects recyclable waste from residents every Friday and uses the proceeds for orphans' scholarships and support for older people",
        ),
        problem=T(
            "sampah plastik dan kertas menumpuk di tempat pembuangan sementara, sementara banyak anak yatim di lingkungan sekitar kesulitan membayar biaya sekolah",
            "plastic and paper piled up at the local dump, while many orphans in the area struggled to pay for school",
        ),
        how=T(
            "warga menyiapkan sampah terpilah di depan rumah, relawan masjid dan karang taruna mengumpulkannya, dan hasil penjualannya diumumkan secara terbuka setiap bulan",
            "residents leave sorted waste outside their homes, mosque and youth volunteers collect it, and the proceeds are announced publicly every month",
        ),
        target=T(
            "seluruh warga, anak yatim dan lansia miskin", "all residents, orphans and poor older people"
        ),
        aim=T(
            "mengurangi sampah sekaligus menggalang dana sosial dari warga",
            "reduce waste while raising money for people in need",
        ),
        benefits=(
            T("sampah anorganik tidak lagi dibuang ke TPS", "recyclables no longer go to the local dump"),
            T("anak yatim menerima beasiswa rutin", "orphans receive regular scholarships"),
        ),
        partners=T(
            "takmir masjid, karang taruna dan pengepul setempat",
            "mosque committees, youth groups and local scrap dealers",
        ),
        metrics=(
            M(
                T("Sampah anorganik terkumpul per bulan", "Recyclables collected per month"),
                0.4,
                3.1,
                TONNES,
                decimals=1,
            ),
        ),
        reach=(74, T("{n} anak yatim telah menerima beasiswa", "{n} orphans have received scholarships")),
        replicators=("kelurahan",),
        form="lainnya",
        initiator="masyarakat",
    ),
    Concept(
        "PULANG SEHAT",
        T(
            "Layanan Antar Obat bagi Pasien Penyakit Kronis",
            "Medicine Delivery for Patients with Chronic Illness",
        ),
        "rsud-kota-sukamaju",
        2020,
        (HEALTH,),
        (3,),
        what=T(
            "mengantar obat rutin pasien penyakit kronis ke rumah sehingga pasien tidak perlu antre di apotek rumah sakit setiap bulan",
            "delivers regular medicines to patients with chronic illness at home, so they do not have to queue at the hospital pharmacy every month",
        ),
        problem=T(
            "pasien hipertensi, diabetes dan penyakit jantung harus datang setiap bulan hanya untuk mengambil obat, sehingga apotek penuh sesak dan pasien lansia kelelahan",
            "patients with high blood pressure, diabetes or heart disease had to come every month just to collect medicine, crowding the pharmacy and exhausting older patients",
        ),
        how=T(
            "dokter meresepkan obat untuk satu bulan, apoteker menyiapkan paket obat berlabel jadwal minum, dan kurir mengantarnya ke rumah dengan biaya ditanggung rumah sakit",
            "doctors prescribe a month's medicine, pharmacists prepare a package labelled with the dosing schedule, and a courier delivers it at the hospital's expense",
        ),
        target=T(
            "pasien program rujuk balik penyakit kronis",
            "patients with chronic illness on the referral-back programme",
        ),
        aim=T(
            "menjaga kepatuhan minum obat dan mengurangi antrean di apotek",
            "help patients keep taking their medicine and shorten pharmacy queues",
        ),
        benefits=(
            T("pasien tidak putus obat", "patients do not run out of medicine"),
            T("antrean di apotek rumah sakit berkurang", "queues at the hospital pharmacy are shorter"),
        ),
        partners=T("BPJS Kesehatan dan jasa ekspedisi lokal", "BPJS Kesehatan and a local courier firm"),
        metrics=(
            M(
                T("Waktu tunggu di apotek rawat jalan", "Waiting time at the outpatient pharmacy"),
                95,
                25,
                MINUTES,
            ),
            M(
                T("Kepatuhan minum obat pasien kronis", "Treatment adherence among chronic patients"),
                64,
                91,
                PERCENT,
            ),
        ),
        reach=(
            33700,
            T(
                "{n} paket obat telah diantar ke rumah pasien",
                "{n} medicine packages have been delivered to patients' homes",
            ),
        ),
        replicators=("puskesmas",),
        digital=True,
    ),
    Concept(
        "SAHABAT JIWA",
        T(
            "Pendampingan Orang dengan Gangguan Jiwa Berbasis Kader",
            "Volunteer Support for People with Mental Illness",
        ),
        "puskesmas-karangrejo",
        2020,
        (HEALTH, EMPOWERMENT),
        (3, 10),
        what=T(
            "melibatkan kader kesehatan jiwa untuk menemukan, mengantar berobat dan mendampingi orang dengan gangguan jiwa hingga dapat kembali beraktivitas",
            "involves mental health volunteers in finding people with mental illness, taking them for treatment and supporting them until they can resume daily life",
        ),
        problem=T(
            "masih ada warga dengan gangguan jiwa berat yang dipasung atau dikurung keluarganya karena malu dan tidak tahu cara mengakses pengobatan",
            "some residents with severe mental illness were still shackled or locked away by their families out of shame and not knowing where to get treatment",
        ),
        how=T(
            "kader dilatih mengenali gejala gangguan jiwa, melakukan kunjungan rumah dan mengingatkan jadwal minum obat, sementara dokter puskesmas berkonsultasi dengan psikiater RSUD melalui telekonsultasi",
            "volunteers are trained to spot the signs of mental illness, visit homes and remind patients to take their medicine, while the health centre doctor consults the hospital psychiatrist remotely",
        ),
        target=T(
            "orang dengan gangguan jiwa dan keluarganya", "people with mental illness and their families"
        ),
        aim=T(
            "membebaskan warga dari pemasungan dan memastikan pengobatan berkelanjutan",
            "free people from restraint and keep them in treatment",
        ),
        benefits=(
            T("tidak ada lagi warga yang dipasung", "no one is kept in restraints any more"),
            T(
                "pasien rutin berobat dan sebagian sudah kembali bekerja",
                "patients attend treatment regularly and some have returned to work",
            ),
            T(
                "stigma terhadap gangguan jiwa di masyarakat berkurang",
                "stigma around mental illness has eased",
            ),
        ),
        partners=T(
            "RSUD Kota Sukamaju, Dinas Sosial dan tokoh agama",
            "the city hospital, the Social Affairs Agency and religious leaders",
        ),
        metrics=(
            M(T("Kasus pemasungan", "People kept in restraints"), 9, 0, CASES),
            M(
                T(
                    "Pasien gangguan jiwa berat yang berobat rutin",
                    "Severely ill patients in regular treatment",
                ),
                38,
                90,
                PERCENT,
            ),
        ),
        reach=(
            164,
            T(
                "{n} orang dengan gangguan jiwa telah didampingi",
                "{n} people with mental illness have been supported",
            ),
        ),
        replicators=("puskesmas",),
        initiator="asn",
        track="provinsi",
    ),
    Concept(
        "SIGAP 112",
        T("Layanan Kegawatdaruratan Terpadu 112", "Integrated 112 Emergency Service"),
        "dinas-komunikasi-dan-informatika",
        2019,
        (HEALTH, GOVERNANCE),
        (3, 11),
        what=T(
            "menyatukan panggilan darurat ambulans, pemadam kebakaran, polisi dan bencana dalam satu nomor 112 yang bebas pulsa dan aktif 24 jam",
            "brings emergency calls for ambulances, firefighters, police and disasters together under one free 24-hour number, 112",
        ),
        problem=T(
            "warga harus menghafal banyak nomor darurat yang berbeda dan panggilan sering tidak diangkat di luar jam kerja",
            "residents had to remember many different emergency numbers, and calls often went unanswered outside office hours",
        ),
        how=T(
            "operator call center menerima panggilan, menentukan lokasi penelepon, meneruskan kejadian ke unit terdekat melalui radio dan aplikasi, lalu memantau penanganannya sampai selesai",
            "call-centre operators take the call, locate the caller, dispatch the nearest unit by radio and app, and follow the incident until it is dealt with",
        ),
        target=T("seluruh warga dan pendatang di kota", "everyone living in or visiting the city"),
        aim=T(
            "mempercepat penanganan keadaan darurat dengan satu nomor yang mudah diingat",
            "speed up emergency response with a single easy number",
        ),
        benefits=(
            T("warga cukup mengingat satu nomor darurat", "residents only have to remember one number"),
            T("ambulans gratis tiba lebih cepat", "free ambulances arrive faster"),
            T(
                "data kejadian membantu perencanaan pos siaga",
                "incident data helps plan where to station teams",
            ),
        ),
        partners=T(
            "Dinas Kesehatan, Damkar, BPBD, Polres dan Kementerian Komunikasi dan Digital",
            "the Health Agency, the fire service, the disaster board, the police and the Ministry of Communication and Digital Affairs",
        ),
        metrics=(M(T("Waktu tiba ambulans", "Ambulance arrival time"), 45, 14, MINUTES),),
        reach=(58200, T("{n} panggilan darurat telah ditangani", "{n} emergency calls have been handled")),
        digital=True,
        initiator="kepala_daerah",
        track="nasional",
    ),
    Concept(
        "BLK KELILING",
        T("Pelatihan Kerja Keliling bagi Pemuda", "Mobile Job Training for Young People"),
        "dinas-tenaga-kerja",
        2022,
        (ECONOMY, EDUCATION),
        (4, 8),
        what=T(
            "menyelenggarakan pelatihan keterampilan berbasis kompetensi langsung di kecamatan bagi pemuda yang belum bekerja",
            "runs competency-based skills training in the districts for young people without work",
        ),
        problem=T(
            "balai latihan kerja hanya ada di pusat kota dengan kuota terbatas, sehingga pemuda dari keluarga miskin di pinggiran jarang mendapat kesempatan pelatihan",
            "the only job training centre was in the city centre and had few places, so young people from poor families on the outskirts rarely got trained",
        ),
        how=T(
            "instruktur membawa peralatan pelatihan menjahit, las, servis sepeda motor dan barista ke balai kecamatan, pelatihan berlangsung 30 hari, dan peserta mengikuti uji kompetensi serta temu kerja dengan perusahaan",
            "instructors bring equipment for sewing, welding, motorbike repair and barista courses to district halls, training lasts 30 days, and trainees sit a competency test and meet employers",
        ),
        target=T("pemuda usia 18-30 tahun yang belum bekerja", "unemployed young people aged 18 to 30"),
        aim=T(
            "membekali pemuda dengan keterampilan yang dibutuhkan dunia kerja",
            "give young people the skills employers need",
        ),
        benefits=(
            T("peserta memperoleh sertifikat kompetensi", "trainees gain a competency certificate"),
            T("sebagian peserta membuka usaha sendiri", "some trainees have started their own business"),
        ),
        partners=T(
            "BLK Kementerian Ketenagakerjaan, perusahaan mitra dan Karang Taruna",
            "the Ministry of Manpower's training centre, partner companies and youth groups",
        ),
        metrics=(
            M(
                T(
                    "Peserta yang bekerja atau berwirausaha setelah enam bulan",
                    "Trainees in work or self-employed after six months",
                ),
                31,
                68,
                PERCENT,
            ),
        ),
        reach=(1350, T("{n} pemuda telah mengikuti pelatihan", "{n} young people have been trained")),
        replicators=("kecamatan",),
    ),
    Concept(
        "KREDIT MELATI",
        T("Kredit Melawan Rentenir", "Loans Against Loan Sharks"),
        "pt-bpr-bank-sukamaju",
        2020,
        (POVERTY, ECONOMY),
        (1, 8),
        what=T(
            "menyalurkan kredit mikro tanpa agunan dengan bunga ringan kepada pedagang kecil agar terbebas dari jeratan rentenir",
            "gives small traders collateral-free micro-loans at low interest to free them from loan sharks",
        ),
        problem=T(
            "pedagang pasar dan pemilik warung meminjam kepada rentenir dengan bunga hingga 20 persen per bulan sehingga keuntungan habis untuk membayar cicilan",
            "market and kiosk traders borrowed from loan sharks at up to 20 percent a month, so their profits went on repayments",
        ),
        how=T(
            "calon debitur cukup menunjukkan KTP dan surat rekomendasi kelurahan, kredit hingga Rp5 juta cair dalam tiga hari, dan angsuran dibayar mingguan melalui petugas pasar atau aplikasi",
            "applicants need only their ID card and a letter from the urban village, loans of up to IDR 5 million are paid out in three days, and weekly instalments are collected by market officers or through an app",
        ),
        target=T("pedagang kecil dan pelaku usaha mikro", "small traders and micro businesses"),
        aim=T(
            "membebaskan pelaku usaha kecil dari ketergantungan pada rentenir",
            "free small businesses from dependence on loan sharks",
        ),
        benefits=(
            T("beban bunga pedagang turun drastis", "traders pay far less interest"),
            T("pedagang mulai memiliki tabungan", "traders have started to save"),
            T(
                "kredit macet tetap rendah berkat pendampingan rutin",
                "bad loans stay low thanks to regular mentoring",
            ),
        ),
        partners=T(
            "Perumda Pasar, kelurahan dan Baznas",
            "the market company, the urban villages and the national zakat agency",
        ),
        metrics=(
            M(T("Bunga pinjaman per bulan", "Monthly interest on loans"), 20, 0.5, PERCENT, decimals=1),
            M(T("Pedagang yang terjerat rentenir", "Traders in debt to loan sharks"), 62, 17, PERCENT),
        ),
        reach=(7200, T("{n} pedagang kecil telah menerima kredit", "{n} small traders have received loans")),
        initiator="kepala_daerah",
        track="nasional",
    ),
    Concept(
        "JUMANTIK CILIK",
        T("Juru Pemantau Jentik dari Kalangan Pelajar", "Young Mosquito Larvae Monitors"),
        "puskesmas-purwosari",
        2019,
        (HEALTH, EDUCATION),
        (3,),
        what=T(
            "melatih siswa sekolah dasar menjadi pemantau jentik nyamuk di rumah dan sekolahnya masing-masing",
            "trains primary school pupils to check for mosquito larvae at home and at school",
        ),
        problem=T(
            "kasus demam berdarah dengue melonjak setiap musim hujan dan angka bebas jentik di permukiman masih rendah",
            "dengue fever cases soared every rainy season and many homes still had mosquito larvae",
        ),
        how=T(
            "setiap kelas memilih dua jumantik cilik yang dibekali senter dan kartu pemantauan, siswa memeriksa bak mandi dan tempat penampungan air setiap minggu, dan hasilnya dilaporkan ke puskesmas melalui guru UKS",
            "each class chooses two young monitors who get a torch and a checklist card, pupils inspect water tanks and containers every week, and the results go to the health centre through the school health teacher",
        ),
        target=T("siswa sekolah dasar dan keluarganya", "primary school pupils and their families"),
        aim=T(
            "menekan kasus demam berdarah melalui pemberantasan sarang nyamuk sejak dini",
            "cut dengue cases by getting children involved in clearing mosquito breeding sites",
        ),
        benefits=(
            T(
                "anak-anak menjadi penggerak hidup bersih di rumah",
                "children lead the way on cleanliness at home",
            ),
            T("angka bebas jentik meningkat", "more homes are free of larvae"),
        ),
        partners=T(
            "sekolah dasar, guru UKS dan kader jumantik",
            "primary schools, school health teachers and larvae-monitoring volunteers",
        ),
        metrics=(
            M(T("Angka bebas jentik", "Larvae-free index"), 81, 96, PERCENT),
            M(T("Kasus demam berdarah per tahun", "Dengue cases per year"), 214, 63, CASES),
        ),
        reach=(1800, T("{n} jumantik cilik telah dilatih", "{n} young larvae monitors have been trained")),
        replicators=("puskesmas", "sekolah"),
        initiator="asn",
    ),
    Concept(
        "ASPIRASI KITA",
        T(
            "Penjaringan Aspirasi Warga secara Daring oleh DPRD",
            "Online Channel for Residents' Views to the City Council",
        ),
        "sekretariat-dprd",
        2022,
        (GOVERNANCE, EMPOWERMENT),
        (16,),
        what=T(
            "menjaring aspirasi warga kepada anggota DPRD melalui aplikasi dan menampilkan tindak lanjutnya secara terbuka",
            "collects residents' views for city councillors through an app and shows openly how they are followed up",
        ),
        problem=T(
            "aspirasi warga hanya tersampaikan saat masa reses yang singkat dan tidak ada catatan tentang tindak lanjutnya",
            "residents could only raise issues during councillors' short recess visits, and there was no record of what happened next",
        ),
        how=T(
            "warga mengirim aspirasi disertai lokasi, Sekretariat DPRD mengelompokkannya per daerah pemilihan dan komisi, lalu anggota DPRD menjawab dan mengawal usulan dalam pembahasan anggaran",
            "residents submit issues with a location, the council secretariat sorts them by constituency and committee, and councillors reply and follow them through the budget debates",
        ),
        target=T("warga dan anggota DPRD", "residents and city councillors"),
        aim=T(
            "mendekatkan wakil rakyat dengan konstituennya sepanjang tahun",
            "keep councillors in touch with their constituents all year round",
        ),
        benefits=(
            T("warga dapat menyampaikan aspirasi kapan saja", "residents can raise issues at any time"),
            T(
                "pembahasan anggaran lebih berbasis kebutuhan warga",
                "budget debates reflect residents' needs more closely",
            ),
        ),
        partners=T(
            "Diskominfo dan Bapperida", "the Communication and Informatics Agency and the planning board"
        ),
        metrics=(
            M(
                T("Aspirasi warga yang mendapat jawaban", "Residents' issues that received a reply"),
                22,
                87,
                PERCENT,
            ),
        ),
        reach=(9800, T("{n} aspirasi warga telah tercatat", "{n} issues have been raised by residents")),
        digital=True,
        form="tata_kelola",
        initiator="anggota_dprd",
    ),
    Concept(
        "WARUNG PAJAK",
        T("Pembayaran PBB di Warung Mitra Bank", "Paying Property Tax at Partner Corner Shops"),
        "badan-pendapatan-daerah",
        2026,
        (GOVERNANCE, ECONOMY),
        (16, 17),
        what=T(
            "memungkinkan warga membayar Pajak Bumi dan Bangunan di warung dekat rumah yang menjadi agen bank",
            "lets residents pay land and building tax at corner shops near their homes that act as bank agents",
        ),
        problem=T(
            "warga harus ke bank atau kantor Bapenda pada jam kerja untuk membayar PBB, sehingga banyak yang menunda dan akhirnya terkena denda",
            "residents had to go to a bank or the revenue office during working hours to pay property tax, so many put it off and ended up paying fines",
        ),
        how=T(
            "pemilik warung dilatih menjadi agen, warga cukup menyebutkan nomor objek pajak, dan bukti bayar tercetak serta tercatat langsung dalam sistem pajak daerah",
            "shop owners are trained as agents, residents just give their tax reference number, and the receipt is printed and recorded instantly in the city's tax system",
        ),
        target=T(
            "wajib pajak PBB, terutama di wilayah pinggiran",
            "property taxpayers, especially on the outskirts",
        ),
        aim=T(
            "mempermudah pembayaran PBB dan meningkatkan kepatuhan wajib pajak",
            "make property tax easy to pay and raise compliance",
        ),
        benefits=(
            T("warga dapat membayar pajak hingga malam hari", "residents can pay until late in the evening"),
            T("pemilik warung memperoleh komisi tambahan", "shop owners earn extra commission"),
        ),
        partners=T(
            "Bank Jateng dan PT BPR Bank Sukamaju", "the Central Java regional bank and Bank Sukamaju"
        ),
        metrics=(
            M(
                T("Realisasi penerimaan PBB terhadap target", "Property tax collected against target"),
                71,
                83,
                PERCENT,
            ),
        ),
        reach=(
            430,
            T(
                "{n} warung telah menjadi agen pembayaran pajak",
                "{n} corner shops have become tax payment agents",
            ),
        ),
        digital=True,
        form="tata_kelola",
    ),
    Concept(
        "SI-MANTRI",
        T("Sistem Mandiri Layanan Kepegawaian", "Self-Service Civil Service Administration"),
        "badan-kepegawaian-dan-pengembangan-sdm",
        2023,
        (GOVERNANCE,),
        (16,),
        what=T(
            "memungkinkan aparatur mengurus kenaikan pangkat, cuti dan pensiun secara mandiri tanpa menyerahkan berkas kertas",
            "lets civil servants handle promotions, leave and retirement themselves without handing in paper files",
        ),
        problem=T(
            "pengurusan kenaikan pangkat dan pensiun memerlukan berkas fotokopi berlapis, sering tertahan di meja, dan pegawai harus datang sendiri untuk menanyakan perkembangannya",
            "promotions and retirement needed stacks of photocopies, files often sat on someone's desk, and staff had to come in person to ask how things were going",
        ),
        how=T(
            "dokumen kepegawaian dipindai sekali ke arsip digital, usulan diajukan dari aplikasi, dan setiap tahap verifikasi memiliki batas waktu yang dapat dipantau pegawai",
            "personnel documents are scanned once into a digital archive, requests are filed from the app, and every verification step has a deadline staff can follow",
        ),
        target=T(
            "aparatur sipil negara di seluruh perangkat daerah", "civil servants in every city department"
        ),
        aim=T(
            "mempercepat layanan kepegawaian dan menutup peluang pungutan dalam pengurusan berkas",
            "speed up personnel services and close the door to informal charges",
        ),
        benefits=(
            T(
                "pegawai tidak perlu meninggalkan tugas untuk mengurus berkas",
                "staff no longer leave their posts to chase paperwork",
            ),
            T("SK kenaikan pangkat terbit tepat waktu", "promotion decrees are issued on time"),
        ),
        partners=T(
            "Badan Kepegawaian Negara dan Diskominfo",
            "the National Civil Service Agency and the Communication and Informatics Agency",
        ),
        metrics=(M(T("Waktu proses kenaikan pangkat", "Time to process a promotion"), 60, 14, DAYS),),
        reach=(
            4700,
            T(
                "{n} layanan kepegawaian telah diproses secara daring",
                "{n} personnel requests have been handled online",
            ),
        ),
        digital=True,
        form="tata_kelola",
    ),
]

CONCEPTS_BY_KEY = {concept.key: concept for concept in CONCEPTS}


# -- shared phrases -----------------------------------------------------------------------------------

OUTSIDE_REGIONS = [
    T("Kabupaten Wanasari", "Wanasari Regency"),
    T("Kota Tirtajaya", "Tirtajaya City"),
    T("Kabupaten Sidamulya", "Sidamulya Regency"),
    T("Kabupaten Banyuasri", "Banyuasri Regency"),
    T("Kota Purwaraja", "Purwaraja City"),
    T("Kabupaten Gunungrejo", "Gunungrejo Regency"),
    T("Kabupaten Kaliwangi", "Kaliwangi Regency"),
    T("Kota Sekarjati", "Sekarjati City"),
]

COMPETITION_LOCAL = T("KIPP Kota Sukamaju", "Sukamaju City KIPP")
COMPETITION_PROVINCE = T("KIPP Provinsi Jawa Tengah", "Central Java Provincial KIPP")
COMPETITION_NATIONAL = T("KIPP Nasional (KemenPANRB)", "National KIPP (KemenPANRB)")
COMPETITION_UNPSA = T(
    "United Nations Public Service Awards (UNPSA)", "United Nations Public Service Awards (UNPSA)"
)

FIRST_NAMES = [
    "Agus", "Bambang", "Budi", "Dwi", "Eko", "Fajar", "Hendra", "Joko", "Rudi", "Slamet",
    "Teguh", "Wahyu", "Yusuf", "Arif", "Bayu", "Heru", "Imam", "Rizky", "Sigit", "Yoga",
    "Ani", "Dewi", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Nur", "Puji", "Ratna",
    "Rini", "Siti", "Sri", "Tri", "Wulan", "Yuni", "Anisa", "Mega", "Retno", "Ayu",
]  # fmt: skip
LAST_NAMES = [
    "Santoso", "Wibowo", "Prasetyo", "Setiawan", "Susanti", "Rahayu", "Wulandari", "Hidayat",
    "Kurniawan", "Nugroho", "Handayani", "Purnomo", "Saputra", "Permatasari", "Hartono", "Utami",
    "Pratiwi", "Maharani", "Firmansyah", "Astuti",
]  # fmt: skip
DEGREES = {
    "health": ["dr. {name}", "dr. {name}, M.Kes.", "{name}, S.Kep., Ns.", "{name}, S.K.M.", "{name}, A.Md.Keb.", "dr. {name}, Sp.PD"],
    "school": ["{name}, S.Pd.", "{name}, S.Pd., M.Pd.", "{name}, S.Pd.SD"],
    "region": ["{name}, S.IP.", "{name}, S.Sos.", "{name}, S.STP", "{name}, S.STP, M.Si."],
    "office": ["{name}, S.Sos., M.Si.", "{name}, S.T., M.T.", "{name}, S.Kom.", "{name}, S.E., M.M.", "{name}, S.H., M.H.", "{name}, S.IP., M.AP."],
}  # fmt: skip


# -- the portal's own pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageText:
    slug: str
    title: T
    #: ("heading" | "paragraph", text) pairs; for pages with a single rich text field, paragraphs only.
    body: tuple[tuple[str, T], ...]
    extra: dict = field(default_factory=dict)


HOME_PAGE = PageText(
    "beranda",
    T("Beranda", "Home"),
    (
        (
            "paragraph",
            T(
                "Selamat datang di Portal Inovasi Kota Sukamaju. Di sini Anda dapat menelusuri inovasi pelayanan publik yang lahir dari dinas, badan, kecamatan, kelurahan, puskesmas, sekolah dan BUMD di lingkungan Pemerintah Kota Sukamaju.",
                "Welcome to the Sukamaju City Innovation Portal. Here you can browse the public service innovations created by the city's departments, boards, districts, urban villages, health centres, schools and city-owned companies.",
            ),
        ),
        (
            "paragraph",
            T(
                "Setiap inovasi dicatat lengkap: masalah yang dijawab, perubahan yang dilakukan, hasil yang terukur, siapa saja yang mereplikasinya, hingga penghargaan yang diraih dalam Kompetisi Inovasi Pelayanan Publik (KIPP).",
                "Each innovation is fully documented: the problem it tackles, what changed, measurable results, who has replicated it and the awards it has won in the Public Service Innovation Competition (KIPP).",
            ),
        ),
    ),
    {"call_to_action": T("Jelajahi katalog inovasi", "Browse the innovation catalogue"), "slug_en": "home"},
)

CATALOGUE_PAGE = PageText(
    "katalog",
    T("Katalog Inovasi", "Innovation Catalogue"),
    (
        (
            "paragraph",
            T(
                "Katalog ini memuat inovasi pelayanan publik perangkat daerah dan unit layanan Pemerintah Kota Sukamaju sejak 2018. Gunakan pencarian dan filter untuk menemukan inovasi menurut tema, organisasi, tahun mulai, tahapan atau Tujuan Pembangunan Berkelanjutan (TPB/SDGs).",
                "This catalogue lists the public service innovations of Sukamaju City's departments and service units since 2018. Use search and the filters to find innovations by theme, organisation, starting year, stage or Sustainable Development Goal.",
            ),
        ),
        (
            "paragraph",
            T(
                "Inovasi yang terbukti berhasil terbuka untuk direplikasi oleh unit lain. Bagian Organisasi Setda Kota Sukamaju siap mendampingi proses replikasi.",
                "Proven innovations are open for other units to replicate. The Organisation Division of the City Secretariat can guide you through the process.",
            ),
        ),
    ),
)

NEWS_PAGE = PageText(
    "berita",
    T("Berita", "News"),
    (
        (
            "paragraph",
            T(
                "Kabar terbaru Kompetisi Inovasi Pelayanan Publik (KIPP) Kota Sukamaju: pendaftaran, bimbingan teknis, finalis, pemenang dan perjalanan inovasi Sukamaju ke tingkat provinsi dan nasional.",
                "The latest from the Sukamaju City Public Service Innovation Competition (KIPP): calls for entries, workshops, finalists, winners and how Sukamaju's innovations fare at the provincial and national rounds.",
            ),
        ),
    ),
)

ABOUT_PAGE = PageText(
    "tentang",
    T("Tentang KIPP", "About KIPP"),
    (
        ("heading", T("Apa itu KIPP?", "What is KIPP?")),
        (
            "paragraph",
            T(
                "Kompetisi Inovasi Pelayanan Publik (KIPP) adalah ajang tahunan untuk menjaring, menilai dan menyebarluaskan inovasi pelayanan publik. Di tingkat nasional, KIPP diselenggarakan Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPANRB) sejak 2014 melalui Sistem Informasi Inovasi Pelayanan Publik (SINOVIK).",
                "The Public Service Innovation Competition (KIPP) is a yearly contest that finds, assesses and spreads innovations in public services. Nationally it has been run since 2014 by the Ministry of Administrative and Bureaucratic Reform (KemenPANRB) through the Public Service Innovation Information System (SINOVIK).",
            ),
        ),
        (
            "paragraph",
            T(
                "Pemerintah Kota Sukamaju menyelenggarakan KIPP tingkat kota setiap tahun sebagai seleksi awal. Inovasi terbaik diusulkan ke KIPP Provinsi Jawa Tengah dan KIPP Nasional, sejalan dengan kebijakan Satu Instansi Satu Inovasi.",
                "Sukamaju City holds its own KIPP round every year as a first selection. The best innovations go forward to the Central Java provincial round and the national competition, in line with the One Agency, One Innovation policy.",
            ),
        ),
        ("heading", T("Tahapan kompetisi", "How the competition works")),
        (
            "paragraph",
            T(
                "Unit layanan menyusun proposal dan mengirimkannya melalui admin lokal. Setelah seleksi administrasi, tim evaluasi menilai proposal, Tim Panel Independen menetapkan finalis, lalu finalis mempresentasikan inovasinya dan menerima kunjungan lapangan sebelum pemenang diumumkan.",
                "Service units write a proposal and submit it through the local administrator. After an administrative check, an evaluation team scores the proposals, the independent panel chooses the finalists, and the finalists present their innovation and receive a field visit before the winners are announced.",
            ),
        ),
        ("heading", T("Kriteria penilaian", "Assessment criteria")),
        (
            "paragraph",
            T(
                "Penilaian berpegang pada lima kriteria: kebaruan, efektivitas, kebermanfaatan, kemampuan untuk direplikasi, dan keberlanjutan. Inovasi yang diikutkan minimal telah berjalan satu tahun dan didukung bukti hasil yang terukur.",
                "Entries are judged on five criteria: novelty, effectiveness, benefit, replicability and sustainability. An innovation must have been running for at least a year and be backed by evidence of measurable results.",
            ),
        ),
    ),
)
