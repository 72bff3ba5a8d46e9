"""Load test of proposal autosave: drafts are never lost, even with many entrants saving at once.

What it proves, against a real server (gunicorn + PostgreSQL)::

    50 concurrent entrants autosaving every few seconds for 5 minutes: p95 autosave latency under 200 ms,
    zero errors, and an audit at the end proving that no acknowledged save was lost or overwritten by a
    stale one.

Each simulated entrant is one thread with its own cookie jar (its own browser session). It logs in through
the portal's login form, opens the proposal's edit page (for the form's fields, its ``version`` and the CSRF
token), then until the deadline waits a random 2-5 s, rewrites one or two proposal answers with a new unique
text (a marker ``[kCC.SSSSS]``, client and sequence number, followed by Indonesian prose) and posts the whole
form with ``Accept: application/json`` to the autosave URL, as the portal's ``proposal.js`` does. A 200 gives
the new version to save against; a 409 (a colleague saved first) gives the current version, and is counted as
a conflict, not an error: ``shared`` proposals are open in two tabs, so they have real conflicts. Anything
else (other 4xx, 5xx, timeouts, broken connections, invalid JSON, field errors) is an error. Every request is
recorded: client, entry, the version it was based on, a digest of the answers it sent, status, returned
version, latency and time.

The audit then reads the database and checks, for each proposal:

- every 200 answers ``sent version + 1``, and no version is acknowledged twice (two acknowledged saves based
  on the same version would mean one overwrote the other);
- versions only grow: for each tab in the order of its acknowledgements, and across tabs whenever one
  acknowledgement was received before the other request was sent;
- a 409 reports a version newer than the one sent, and only happens where a second tab (or an earlier request
  whose outcome is unknown) explains it;
- the proposal in the database holds exactly the answers of the acknowledged save with the highest version,
  and its ``version`` is that version; refused (409) answers are never what is stored unless an acknowledged
  save sent the same; each refused text is kept as an ``EntryConflict`` for merging.

Run from the repository root. Step by step (the server and this script use the same ``DATABASE_URL``)::

    export DATABASE_URL=postgres://postgres@127.0.0.1:55434/kippload
    .venv/bin/python benchmarks/autosave_load.py seed --entries 45 --out /tmp/accounts.json
    .venv/bin/python benchmarks/autosave_load.py load --base-url http://127.0.0.1:8011 \\
        --accounts /tmp/accounts.json --clients 50 --duration 300 --records /tmp/records.json
    .venv/bin/python benchmarks/autosave_load.py audit --records /tmp/records.json --max-p95-ms 200

The server, for example (``DJANGO_DEBUG=0``: the example settings default to debug mode)::

    cd example_site && DJANGO_DEBUG=0 ../.venv/bin/gunicorn example_site.wsgi:application \\
        -b 127.0.0.1:8011 -w 2 --access-logfile /dev/null

Logins happen before the clock starts, a few at a time (a login hashes the password, which is slow on
purpose: expect most of a second per login on a small machine), so the latency is that of autosaves only.

Or all three in one process: ``.venv/bin/python benchmarks/autosave_load.py all --base-url URL``. ``seed``
needs a migrated database; it creates (or reuses) the round "Uji Beban Autosave" under the site's home page,
with an entry window open now, one organisation, one entrant and one draft per proposal. ``audit`` exits with
1 when it finds a problem, when any request failed, or when the p95 latency reaches the threshold.

From Python (``load`` needs no Django; ``seed_entrants`` and ``audit`` set Django up when called)::

    accounts = seed_entrants(45, "kipp-load-2026")
    result = run_load("http://127.0.0.1:8011", accounts, clients=50, duration=300)
    problems = audit(result["records"])
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import http.cookiejar
import json
import math
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for _path in (REPO, REPO / "example_site"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")

ROUND_SLUG = "uji-beban-autosave"
ROUND_TITLE = "Uji Beban Autosave"
TEMPLATE_NAME = "Uji Beban Autosave: Kelompok Umum"
USER_PREFIX = "uji-beban"
DEFAULT_PASSWORD = "kipp-load-2026"  # noqa: S105 - a throwaway account of the load test
ANSWER_PREFIX = "answer_"
FORM_ID = "kipp-entry-form"
TIMEOUT = 10.0
#: How many clients log in at once before the load starts (logins hash passwords: slow on purpose).
LOGIN_CONCURRENCY = 4
MAX_P95_MS = 200.0

WORDS = (
    "inovasi pelayanan publik masyarakat warga kelurahan kecamatan puskesmas layanan digital antrean daring "
    "data terpadu kader posyandu pengaduan anggaran desa kota dinas kesehatan pendidikan sekolah pemantauan "
    "evaluasi kolaborasi pemangku kepentingan keberlanjutan replikasi manfaat dampak waktu tunggu berkurang "
    "persen meningkat aplikasi pelaporan jemput bola dokumen kependudukan gratis cepat mudah transparan "
    "akuntabel petugas relawan tim sosialisasi pelatihan wilayah rumah tangga miskin stunting gizi balita "
    "ibu hamil lansia sampah bank retribusi perizinan terintegrasi survei kepuasan indeks capaian target "
    "tahun bulan minggu hari pagi sore program kegiatan hasil kendala solusi mitra swasta akademisi media"
).split()


# -- Django side: seeding and the audit ---------------------------------------------------------------------


def _setup_django() -> None:
    """Set Django up once (settings from ``DJANGO_SETTINGS_MODULE``, database from ``DATABASE_URL``)."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def answers_digest(answers: dict[str, Any]) -> str:
    """A digest of a proposal's answers (by section key), the same for what was sent and what is stored."""
    canonical = json.dumps(answers or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _home_page():
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None:
        raise RuntimeError("No home page: run `manage.py migrate` first.")
    return home


def _proposal_template():
    """The round's copy of the national 2023 form (or a small form of its own if the presets are gone)."""
    from wagtail_kipp.models import ProposalTemplate, TemplateSection

    template = ProposalTemplate.objects.filter(name=TEMPLATE_NAME, preset="").first()
    if template is not None:
        return template
    source = ProposalTemplate.objects.filter(preset="kipp2023_umum").first()
    if source is not None:
        return source.duplicate(name=TEMPLATE_NAME)
    template = ProposalTemplate.objects.create(name=TEMPLATE_NAME)
    for order, (key, heading, limit) in enumerate(
        [
            ("ringkasan", "Ringkasan", 300),
            ("latar_belakang", "Latar Belakang", 500),
            ("kebaruan", "Kebaruan", 300),
            ("manfaat", "Manfaat", 300),
        ]
    ):
        TemplateSection.objects.create(
            template=template, sort_order=order, key=key, heading=heading, word_limit=limit
        )
    return template


def _open_round(now):
    """The load test's round, accepting proposals from yesterday for two weeks (dates moved if needed)."""
    import datetime

    from wagtail_kipp.models import CompetitionPage, EntryGroup, Stage

    opens, closes = now - datetime.timedelta(days=1), now + datetime.timedelta(days=14)
    page = CompetitionPage.objects.filter(slug=ROUND_SLUG).first()
    if page is None:
        page = CompetitionPage(
            title=ROUND_TITLE,
            slug=ROUND_SLUG,
            year=now.year,
            intro="Babak uji beban untuk simpan otomatis proposal.",
            max_entries_per_group=3,
            minimum_age_months=12,
        )
        page.stages = [Stage(kind="entry", opens_at=opens, closes_at=closes)]
        page.entry_groups = [
            EntryGroup(name="Umum", slug="umum", kind="umum", template=_proposal_template(), sort_order=0)
        ]
        _home_page().add_child(instance=page)
        return CompetitionPage.objects.get(pk=page.pk)
    stage = page.entry_stage
    if stage is None:
        Stage.objects.create(competition=page, kind="entry", opens_at=opens, closes_at=closes)
    elif not (stage.opens_at <= now and stage.closes_at >= now + datetime.timedelta(days=1)):
        Stage.objects.filter(pk=stage.pk).update(opens_at=opens, closes_at=closes)
    if not page.entry_groups.exists():
        EntryGroup.objects.create(
            competition=page, name="Umum", slug="umum", kind="umum", template=_proposal_template()
        )
    return CompetitionPage.objects.get(pk=page.pk)


def seed_entrants(entries: int, password: str = DEFAULT_PASSWORD) -> list[dict]:
    """
    Create (or reuse) an open round with ``entries`` organisations, each with one entrant and one draft.

    Drafts are opened through ``services.create_entry``. Safe to run again: organisations, users, memberships
    and drafts are looked up by slug and username; passwords are set to ``password``. Returns the accounts as
    JSON-ready dictionaries: username, password, entry (uuid), login_path, edit_path and autosave_path.
    """
    _setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone, translation

    from wagtail_kipp.judging import services
    from wagtail_kipp.models import Entry, Membership, Organisation

    user_model = get_user_model()
    accounts = []
    with transaction.atomic():
        competition = _open_round(timezone.now())
        group = competition.entry_groups.filter(invitation_only=False).order_by("sort_order", "pk").first()
        hashed = make_password(password)  # hashed once: hashing on purpose takes a large fraction of a second
        for number in range(1, entries + 1):
            name = f"{USER_PREFIX}-{number:03d}"
            organisation, _ = Organisation.objects.get_or_create(
                slug=name, defaults={"name": f"Unit Uji Beban {number:03d}", "kind": "dinas"}
            )
            if not organisation.active:
                Organisation.objects.filter(pk=organisation.pk).update(active=True)
            user, _ = user_model.objects.get_or_create(
                username=name, defaults={"email": f"{name}@sukamaju.example", "is_active": True}
            )
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"approved": True}
            )
            entry = next(
                (
                    e
                    for e in Entry.objects.filter(
                        competition=competition, organisation=organisation
                    ).order_by("pk")
                    if e.is_editable
                ),
                None,
            )
            if entry is None:
                entry = services.create_entry(
                    user, competition, organisation, group, f"Inovasi Uji Beban {number:03d}"
                )
            accounts.append({"username": name, "entry": entry})
        user_model.objects.filter(username__in=[a["username"] for a in accounts]).update(
            password=hashed, is_active=True
        )
    with translation.override(settings.LANGUAGE_CODE):
        login_path = reverse("wagtail_kipp_portal:login")
        return [
            {
                "username": account["username"],
                "password": password,
                "entry": str(account["entry"].uuid),
                "login_path": login_path,
                "edit_path": reverse("wagtail_kipp_portal:entry_edit", args=[account["entry"].uuid]),
                "autosave_path": reverse("wagtail_kipp_portal:entry_autosave", args=[account["entry"].uuid]),
            }
            for account in accounts
        ]


def _acknowledged(record: dict) -> bool:
    return (
        record.get("kind") == "autosave" and record.get("status") == 200 and record.get("version") is not None
    )


def _unknown_outcome(record: dict) -> bool:
    """A request that may or may not have been saved (no answer, or a server error)."""
    status = record.get("status")
    return record.get("kind") == "autosave" and (status is None or status >= 500)


def _short(record: dict) -> str:
    return (
        f"client {record['client']} #{record.get('seq')} ({record.get('marker', '')}, based on "
        f"v{record.get('sent_version')}, status {record.get('status')}, answered v{record.get('version')})"
    )


def _find_marker(answers: dict) -> str:
    import re

    found = sorted(set(re.findall(r"\[k\d+\.\d+\]", " ".join(str(v) for v in (answers or {}).values()))))
    return ", ".join(found) or "no load-test marker"


def _audit_order(uuid: str, acks: list[dict]) -> list[str]:
    problems = []
    by_version: dict[int, list[dict]] = {}
    for record in acks:
        by_version.setdefault(record["version"], []).append(record)
        if record["version"] != record["sent_version"] + 1:
            problems.append(
                f"{uuid}: a save based on v{record['sent_version']} was acknowledged as "
                f"v{record['version']} (expected v{record['sent_version'] + 1}): {_short(record)}"
            )
    for version, records in sorted(by_version.items()):
        if len(records) > 1:
            problems.append(
                f"{uuid}: v{version} was acknowledged {len(records)} times, so one save overwrote another: "
                + "; ".join(_short(r) for r in records)
            )
    by_client: dict[int, list[dict]] = {}
    for record in acks:
        by_client.setdefault(record["client"], []).append(record)
    for client, records in by_client.items():
        records.sort(key=lambda r: (r["t_done"], r["seq"]))
        for before, after in zip(records, records[1:], strict=False):
            if after["version"] <= before["version"]:
                problems.append(
                    f"{uuid}: client {client} got v{after['version']} after v{before['version']}: "
                    f"{_short(before)} then {_short(after)}"
                )
    # Across tabs: a save sent after another's acknowledgement arrived must get a higher version.
    done_order = sorted(acks, key=lambda r: r["t_done"])
    highest, position = None, 0
    for record in sorted(acks, key=lambda r: r["t_sent"]):
        while position < len(done_order) and done_order[position]["t_done"] < record["t_sent"]:
            if highest is None or done_order[position]["version"] > highest["version"]:
                highest = done_order[position]
            position += 1
        if highest is not None and record["version"] <= highest["version"]:
            problems.append(
                f"{uuid}: {_short(record)} was sent after {_short(highest)} was acknowledged, "
                f"yet got a version that is not newer"
            )
    return problems


def audit(records: list[dict]) -> list[str]:
    """
    Check the records of a run against the database; returns the problems found (empty when sound).

    Needs Django (and the server's ``DATABASE_URL``); call it after every client has finished.
    """
    _setup_django()
    from wagtail_kipp.models import Entry, EntryConflict

    problems: list[str] = []
    by_entry: dict[str, list[dict]] = {}
    for record in records:
        if record.get("entry") and record.get("kind") in ("page", "autosave"):
            by_entry.setdefault(record["entry"], []).append(record)
    if not by_entry:
        return ["no proposal was loaded or saved: nothing to audit"]
    stored = {
        str(entry.uuid): entry
        for entry in Entry.objects.filter(uuid__in=list(by_entry)).only("uuid", "version", "answers")
    }
    kept: set[tuple[str, int, str]] = set()
    for conflict in EntryConflict.objects.filter(entry__uuid__in=list(by_entry)).values(
        "entry__uuid", "based_on_version", "data"
    ):
        data = conflict["data"] or {}
        answers = {k[len(ANSWER_PREFIX) :]: v for k, v in data.items() if k.startswith(ANSWER_PREFIX)}
        kept.add((str(conflict["entry__uuid"]), conflict["based_on_version"], answers_digest(answers)))

    for uuid, entry_records in sorted(by_entry.items()):
        entry = stored.get(uuid)
        if entry is None:
            problems.append(f"{uuid}: the proposal is not in the database")
            continue
        saves = [r for r in entry_records if r["kind"] == "autosave"]
        acks = [r for r in saves if _acknowledged(r)]
        refused = [r for r in saves if r.get("status") == 409 and r.get("outcome") == "conflict"]
        clients = {r["client"] for r in entry_records}
        problems += _audit_order(uuid, acks)

        for record in refused:
            if record["version"] <= record["sent_version"]:
                problems.append(
                    f"{uuid}: a conflict reported v{record['version']}, not newer than the "
                    f"v{record['sent_version']} sent: {_short(record)}"
                )
            if (uuid, record["sent_version"], record["digest"]) not in kept:
                problems.append(f"{uuid}: the refused text of {_short(record)} was not kept as a conflict")
            if len(clients) == 1:
                earlier = [
                    r for r in saves if r["client"] == record["client"] and r["t_sent"] < record["t_sent"]
                ]
                if not any(_unknown_outcome(r) for r in earlier):
                    problems.append(
                        f"{uuid}: only one client writes this proposal, yet {_short(record)} was refused: "
                        f"something else changed it"
                    )

        # What the database must hold: the newest acknowledged save, or what the page showed if none.
        baselines = [r for r in entry_records if r["kind"] == "page" and r.get("version") is not None]
        candidates = acks + baselines
        if not candidates:
            continue
        newest = max(candidates, key=lambda r: (r["version"], r["kind"] == "autosave"))
        digest = answers_digest(entry.answers)
        marker = _find_marker(entry.answers)
        if entry.version == newest["version"]:
            if digest != newest["digest"]:
                problems.append(
                    f"{uuid}: the database holds v{entry.version} but not the answers acknowledged as "
                    f"v{newest['version']} ({newest.get('marker', 'page load')}); it holds {marker}"
                )
        elif entry.version > newest["version"]:
            unknown = [
                r
                for r in saves
                if _unknown_outcome(r) and r["sent_version"] == entry.version - 1 and r["digest"] == digest
            ]
            if not unknown:
                problems.append(
                    f"{uuid}: the database holds v{entry.version} ({marker}), newer than the last "
                    f"acknowledged v{newest['version']}, and no unanswered request explains it"
                )
        else:
            problems.append(
                f"{uuid}: the database went back to v{entry.version} ({marker}) after v{newest['version']} "
                f"was acknowledged ({newest.get('marker', 'page load')})"
            )
        acknowledged_digests = {r["digest"] for r in acks}
        if digest not in acknowledged_digests:
            stale = [r for r in refused if r["digest"] == digest]
            if stale:
                problems.append(f"{uuid}: the database holds refused answers ({marker}): {_short(stale[0])}")
    return problems


# -- HTTP side: the clients --------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answered as they are (the login's 302 is checked, not followed)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Session:
    """One browser: a cookie jar and plain HTTP/1.1 requests with a timeout (no redirects followed)."""

    def __init__(self, base_url: str, timeout: float = TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url + "/", path)

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    def request(
        self, method: str, path: str, data: list[tuple[str, str]] | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body); raises ``OSError``/``HTTPException`` when there is no answer."""
        body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
        url = self.url(path)
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"not an HTTP URL: {url}")
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, dict(error.headers or {}), error.read()


class _FormParser(HTMLParser):
    """The forms of a page with the fields a browser would post (no buttons, no files)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.textarea: tuple[str, list[str]] | None = None
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = {"id": attrs.get("id", ""), "action": attrs.get("action", ""), "fields": []}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.form["fields"].append((name, attrs.get("value", "on")))
                return
            self.form["fields"].append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = (name, [])
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "selected": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select["options"].append(value)
            if "selected" in attrs:
                self.select["selected"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea[1])
            if text.startswith("\r\n"):  # browsers drop one newline right after <textarea>
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            if self.form is not None:
                self.form["fields"].append((self.textarea[0], text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            select = self.select
            chosen = select["selected"] or ([] if select["multiple"] else select["options"][:1])
            if self.form is not None:
                self.form["fields"] += [(select["name"], value) for value in chosen]
            self.select = None
        elif tag == "form":
            self.form = None


def parse_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def proposal_text(rng: random.Random, marker: str, length: int) -> str:
    """A unique answer: the marker, then Indonesian sentences, about ``length`` characters."""
    sentences = [marker]
    size = len(marker)
    while size < length:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


class _Context:
    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url
        self.timeout = timeout
        self.go = threading.Event()
        self.stop = threading.Event()
        self.deadline = 0.0
        self.logins = threading.Semaphore(LOGIN_CONCURRENCY)


class Client:
    """One simulated entrant (one browser tab) writing one proposal."""

    def __init__(self, number: int, account: dict, context: _Context, interval: tuple[float, float], seed):
        self.number = number
        self.account = account
        self.context = context
        self.interval = interval
        self.rng = random.Random(f"{seed}-{number}")
        self.session = Session(context.base_url, context.timeout)
        self.records: list[dict] = []
        self.fields: list[tuple[str, str]] = []
        self.version: int | None = None
        self.ready = threading.Event()

    # setup

    def record(self, kind: str, **values) -> dict:
        record = {"kind": kind, "client": self.number, "entry": self.account["entry"], **values}
        self.records.append(record)
        return record

    def fail(self, kind: str, started: float, detail: str, status: int | None = None) -> None:
        now = time.time()
        self.record(kind, outcome="error", status=status, error=detail, t_sent=started, t_done=now)

    def log_in(self) -> bool:
        session, account = self.session, self.account
        started = time.time()
        try:
            status, _, body = session.request("GET", account["login_path"])
            if status != 200:
                self.fail("login", started, f"login page: HTTP {status}", status)
                return False
            form = next(
                (
                    f
                    for f in parse_forms(body.decode("utf-8"))
                    if any(n == "username" for n, _ in f["fields"]) or "login" in f["action"]
                ),
                None,
            )
            if form is None:
                self.fail("login", started, "login page without a login form")
                return False
            data = [(n, v) for n, v in form["fields"] if n not in ("username", "password")]
            data += [("username", account["username"]), ("password", account["password"])]
            status, headers, _ = session.request(
                "POST",
                form["action"] or account["login_path"],
                data,
                {"Referer": session.url(account["login_path"])},
            )
            location = headers.get("Location", "")
            if status != 302 or "login" in location:
                self.fail("login", started, f"login refused: HTTP {status} {location}", status)
                return False
            started = time.time()
            status, _, body = session.request("GET", account["edit_path"])
            if status != 200:
                self.fail("page", started, f"edit page: HTTP {status}", status)
                return False
            form = next((f for f in parse_forms(body.decode("utf-8")) if f["id"] == FORM_ID), None)
            if form is None:
                self.fail("page", started, "edit page without the proposal form")
                return False
        except (OSError, http.client.HTTPException, UnicodeDecodeError) as error:
            self.fail("login", started, f"{type(error).__name__}: {error}")
            return False
        self.fields = form["fields"]
        try:
            self.version = int(dict(self.fields)["version"])
        except (KeyError, ValueError):
            self.fail("page", started, "the proposal form has no version")
            return False
        answers = self.answers()
        if not answers:
            self.fail("page", started, "the proposal form has no answer fields")
            return False
        self.record(
            "page",
            outcome="ok",
            status=200,
            version=self.version,
            digest=answers_digest(answers),
            t_sent=started,
            t_done=time.time(),
        )
        return True

    def answers(self) -> dict[str, str]:
        return {n[len(ANSWER_PREFIX) :]: v for n, v in self.fields if n.startswith(ANSWER_PREFIX)}

    # the load

    def run(self) -> None:
        try:
            with self.context.logins:
                ok = self.log_in()
        finally:
            self.ready.set()
        self.context.go.wait()
        if not ok:
            return
        sequence = 0
        while not self.context.stop.is_set():
            wait = self.rng.uniform(*self.interval)
            if time.monotonic() + wait >= self.context.deadline:
                break
            if self.context.stop.wait(wait):
                break
            sequence += 1
            self.save(sequence)

    def save(self, sequence: int) -> None:
        marker = f"[k{self.number:02d}.{sequence:05d}]"
        names = [n for n, _ in self.fields if n.startswith(ANSWER_PREFIX)]
        changed = self.rng.sample(names, min(len(names), self.rng.choice((1, 1, 2))))
        for name in changed:
            text = proposal_text(self.rng, marker, self.rng.randint(200, 600))
            self.fields = [(n, text if n == name else v) for n, v in self.fields]
        sent_version = self.version
        data = [(n, str(sent_version) if n == "version" else v) for n, v in self.fields]
        headers = {
            "Accept": "application/json",
            "X-Requested-With": "XMLHttpRequest",
            "X-CSRFToken": self.session.cookie("csrftoken"),
            "Referer": self.session.url(self.account["edit_path"]),
        }
        record = self.record(
            "autosave",
            seq=sequence,
            marker=marker,
            fields=[n[len(ANSWER_PREFIX) :] for n in changed],
            sent_version=sent_version,
            digest=answers_digest(self.answers()),
            status=None,
            version=None,
            outcome="error",
            error=None,
            t_sent=time.time(),
        )
        started = time.perf_counter()
        try:
            status, _, body = self.session.request("POST", self.account["autosave_path"], data, headers)
        except (OSError, http.client.HTTPException) as error:
            record.update(error=f"{type(error).__name__}: {error}")
            status, body = None, b""
        record["latency_ms"] = round((time.perf_counter() - started) * 1000, 3)
        record["t_done"] = time.time()
        if status is None:
            return
        record["status"] = status
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            record["error"] = f"HTTP {status}, not JSON: {body[:200]!r}"
            return
        version = payload.get("version") if isinstance(payload, dict) else None
        if not isinstance(version, int) or isinstance(version, bool):
            version = None
        if status in (200, 409) and version is not None:
            record["version"] = version
            self.version = version  # the version to save against next (a 409 gives the current one)
        if status == 200 and payload.get("ok") is True and version is not None:
            if payload.get("field_errors"):
                record["error"] = f"HTTP 200 with field errors: {json.dumps(payload['field_errors'])[:300]}"
            else:
                record["outcome"] = "ack"
        elif status == 409 and payload.get("conflict") is True and version is not None:
            record["outcome"] = "conflict"
        else:
            record["error"] = f"HTTP {status}: {json.dumps(payload, ensure_ascii=False)[:300]}"


def run_load(
    base_url: str,
    accounts: list[dict],
    clients: int = 50,
    duration: float = 300.0,
    interval: tuple[float, float] = (2.0, 5.0),
    shared: int = 5,
    seed: int = 2026,
    timeout: float = TIMEOUT,
) -> dict:
    """
    Run ``clients`` autosaving entrants for ``duration`` seconds against ``base_url``; pure HTTP, no Django.

    The first ``shared`` proposals are open in two tabs (two sessions of their entrant), the others in one:
    ``clients - shared`` accounts are used. Every client logs in (a few at a time) before the clock starts.
    Returns ``{"meta": ..., "summary": summarise(...), "records": [...]}``.
    """
    if not 0 <= shared <= clients // 2:
        raise ValueError("shared must be between 0 and half the clients")
    needed = clients - shared
    if len(accounts) < needed:
        raise ValueError(f"{clients} clients with {shared} shared proposals need {needed} accounts")
    low, high = interval
    if not 0 < low <= high:
        raise ValueError("interval must be (low, high) with 0 < low <= high")
    context = _Context(base_url, timeout)
    tabs = accounts[:shared] + accounts[:needed]
    workers = [Client(number, account, context, (low, high), seed) for number, account in enumerate(tabs, 1)]
    threads = [threading.Thread(target=w.run, name=f"client-{w.number}", daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    try:
        for worker in workers:
            while not worker.ready.wait(1.0):
                pass
        started_at = time.time()
        began = time.monotonic()
        context.deadline = began + duration
        context.go.set()
        for thread in threads:
            while thread.is_alive():
                thread.join(1.0)
    except KeyboardInterrupt:
        context.stop.set()
        context.go.set()
        for thread in threads:
            thread.join(timeout + 1)
        raise
    wall = time.monotonic() - began
    records = sorted((r for w in workers for r in w.records), key=lambda r: (r["t_sent"], r["client"]))
    meta = {
        "base_url": base_url,
        "clients": clients,
        "entries": needed,
        "shared": shared,
        "duration": duration,
        "interval": [low, high],
        "seed": seed,
        "timeout": timeout,
        "started_at": started_at,
        "wall_seconds": round(wall, 3),
    }
    return {"meta": meta, "summary": summarise(records, wall), "records": records}


# -- summary ------------------------------------------------------------------------------------------------


def _percentile(values: list[float], percent: float) -> float | None:
    """Nearest-rank percentile (never lower than the true one)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def summarise(records: list[dict], wall_seconds: float) -> dict:
    """Counts and latency (ms) of the autosave requests; errors include failed logins and page loads."""
    saves = [r for r in records if r.get("kind") == "autosave"]
    errors = [r for r in records if r.get("outcome") == "error"]
    latencies = [r["latency_ms"] for r in saves if r.get("latency_ms") is not None]

    def rounded(value):
        return None if value is None else round(value, 1)

    return {
        "requests": len(saves),
        "acknowledged": sum(1 for r in saves if r.get("outcome") == "ack"),
        "conflicts": sum(1 for r in saves if r.get("outcome") == "conflict"),
        "errors": len(errors),
        "error_examples": [
            f"{r['kind']} client {r['client']} entry {r['entry']}: {r.get('error')}" for r in errors[:10]
        ],
        "clients": len({r["client"] for r in records}),
        "logins_failed": sum(1 for r in errors if r["kind"] in ("login", "page")),
        "wall_seconds": round(wall_seconds, 1),
        "requests_per_second": round(len(saves) / wall_seconds, 2) if wall_seconds > 0 else None,
        "latency_ms": {
            "median": rounded(statistics.median(latencies)) if latencies else None,
            "p95": rounded(_percentile(latencies, 95)),
            "p99": rounded(_percentile(latencies, 99)),
            "max": rounded(max(latencies)) if latencies else None,
        },
    }


def format_summary(summary: dict) -> str:
    latency = summary["latency_ms"]
    lines = [
        f"autosave requests   {summary['requests']} in {summary['wall_seconds']} s "
        f"({summary['requests_per_second']}/s) from {summary['clients']} clients",
        f"acknowledged        {summary['acknowledged']}",
        f"conflicts (409)     {summary['conflicts']}",
        f"errors              {summary['errors']}",
        f"latency ms          median {latency['median']}  p95 {latency['p95']}  p99 {latency['p99']}  "
        f"max {latency['max']}",
    ]
    lines += [f"  error: {example}" for example in summary["error_examples"]]
    return "\n".join(lines)


def verdict(summary: dict, problems: list[str], max_p95_ms: float = MAX_P95_MS) -> list[str]:
    """Why the run fails (empty when it passes): audit problems, errors, p95 at or over the threshold."""
    reasons = [f"audit: {problem}" for problem in problems]
    if summary["errors"]:
        reasons.append(f"{summary['errors']} request(s) failed")
    if not summary["acknowledged"]:
        reasons.append("no save was acknowledged")
    p95 = summary["latency_ms"]["p95"]
    if p95 is None or p95 >= max_p95_ms:
        reasons.append(f"p95 latency {p95} ms is not under {max_p95_ms} ms")
    return reasons


# -- command line -------------------------------------------------------------------------------------------


def _write_json(path: str, data) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_json(path: str):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _report(result: dict, problems: list[str], max_p95_ms: float) -> int:
    print(format_summary(result["summary"]))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"audit: {len(problems)} problem(s)")
    reasons = verdict(result["summary"], problems, max_p95_ms)
    if reasons:
        others = [reason for reason in reasons if not reason.startswith("audit: ")]
        if problems:
            others.insert(0, f"the audit found {len(problems)} problem(s)")
        print("FAIL: " + "; ".join(others))
        return 1
    print(f"PASS: no save lost, no errors, p95 under {max_p95_ms} ms")
    return 0


def _add_load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8011")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of load")
    parser.add_argument("--interval", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"))
    parser.add_argument("--shared", type=int, default=5, help="proposals open in two tabs")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")


def _load(args: argparse.Namespace, accounts: list[dict]) -> dict:
    """``run_load`` with the options of the ``load`` and ``all`` subcommands."""
    return run_load(
        args.base_url,
        accounts,
        args.clients,
        args.duration,
        tuple(args.interval),
        args.shared,
        args.seed,
        args.timeout,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    seed = commands.add_parser("seed", help="create the round, entrants and drafts; write the accounts")
    seed.add_argument("--entries", type=int, default=45)
    seed.add_argument("--password", default=DEFAULT_PASSWORD)
    seed.add_argument("--out", required=True, help="accounts JSON file to write")

    load = commands.add_parser("load", help="run the load (HTTP only); write the records, print the summary")
    _add_load_arguments(load)
    load.add_argument("--accounts", required=True, help="accounts JSON file from `seed`")
    load.add_argument("--records", required=True, help="records JSON file to write")

    check = commands.add_parser("audit", help="audit the records against the database")
    check.add_argument("--records", required=True)
    check.add_argument("--max-p95-ms", type=float, default=MAX_P95_MS)

    everything = commands.add_parser("all", help="seed, load and audit in one process (same DATABASE_URL)")
    _add_load_arguments(everything)
    everything.add_argument("--password", default=DEFAULT_PASSWORD)
    everything.add_argument("--records", help="also write the records to this JSON file")
    everything.add_argument("--max-p95-ms", type=float, default=MAX_P95_MS)

    args = parser.parse_args(argv)
    if args.command == "seed":
        accounts = seed_entrants(args.entries, args.password)
        _write_json(args.out, accounts)
        print(f"{len(accounts)} entrants with a draft each written to {args.out}")
        return 0
    if args.command == "load":
        result = _load(args, _read_json(args.accounts))
        _write_json(args.records, result)
        print(format_summary(result["summary"]))
        print(f"records written to {args.records}")
        return 0
    if args.command == "audit":
        data = _read_json(args.records)
        records = data["records"]
        result = {"summary": summarise(records, data["meta"]["wall_seconds"])}
        return _report(result, audit(records), args.max_p95_ms)
    # all
    from django.db import connections

    accounts = seed_entrants(args.clients - args.shared, args.password)
    connections.close_all()
    result = _load(args, accounts)
    if args.records:
        _write_json(args.records, result)
    return _report(result, audit(result["records"]), args.max_p95_ms)


if __name__ == "__main__":
    sys.exit(main())
