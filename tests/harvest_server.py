"""
A real HTTP server on 127.0.0.1 playing another portal's open data API, for the harvest's tests and benchmark.

``FakePortal`` serves ``/api/kipp/v1/`` (the index) and ``/api/kipp/v1/innovations`` (``limit``, ``offset``,
``updated_since``, ordered by ``last_published_at`` as the real API is) from a list of records in the API's
format, in a thread of its own. ``faults`` make it misbehave: answer slowly, fail, rate-limit, send bad JSON,
cut its listing short or send a ``next`` link to another host.
"""

from __future__ import annotations

import datetime
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

API_PATH = "/api/kipp/v1/"
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def moment(seconds: float) -> str:
    """An RFC 3339 time ``seconds`` after 2026-01-01 UTC, as the API writes ``last_published_at``."""
    return (EPOCH + datetime.timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def innovation_record(number: int, base_url: str = "http://portal.example", **overrides) -> dict[str, Any]:
    """A complete innovation record in the API's format (``GET /v1/innovations``), varied by ``number``."""
    record_id = overrides.pop("id", str(uuid.UUID(int=number + 1)))
    locale = overrides.pop("locale", "id")
    slug = overrides.pop("slug", f"inovasi-{number}")
    api = f"{base_url}{API_PATH}innovations/{record_id}?locale={locale}"
    record = {
        "id": record_id,
        "locale": locale,
        "title": f"Inovasi Layanan {number}",
        "slug": slug,
        "url": f"{base_url}/katalog/{slug}/",
        "api_url": api,
        "summary": f"Ringkasan inovasi nomor {number}: warga dilayani lebih cepat.",
        "body": [
            {
                "type": "section",
                "heading": "Latar belakang",
                "html": f"<p>Antrean panjang nomor {number}.</p>",
            },
            {
                "type": "figure",
                "image": {"url": f"{base_url}/media/f{number}.jpg", "width": 960, "height": 540, "alt": ""},
                "caption": "Loket",
            },
            {"type": "result", "label": "Waktu tunggu", "before": "3 jam", "after": "20 menit"},
            {"type": "quote", "text": "Tidak perlu antre lagi."},
        ],
        "organisation": {
            "slug": f"dinas-{number % 5}",
            "name": f"Dinas Uji {number % 5}",
            "acronym": f"DU{number % 5}",
            "kind": "dinas",
            "parent": None,
            "website": "",
            "region": "Pemerintah Kota Sukamaju",
        },
        "themes": [{"slug": "kesehatan", "name": "Kesehatan", "name_en": "Health"}],
        "sdgs": [
            {"number": 3, "name": "Kehidupan Sehat dan Sejahtera", "name_en": "Good Health and Well-being"}
        ],
        "stage": "penerapan",
        "innovation_form": "pelayanan_publik",
        "initiator": "opd",
        "is_digital": bool(number % 2),
        "still_running": True,
        "started_on": f"{2015 + number % 10}-05-01",
        "year_started": 2015 + number % 10,
        "image": None,
        "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "gallery": [],
        "documents": [],
        "awards": [
            {
                "year": 2023,
                "competition": "KIPP Kota Sukamaju",
                "level": "lokal",
                "tier": "juara_1",
                "note": "",
            }
        ],
        "replicates": [],
        "replicated_elsewhere": ["Kabupaten Kudus"],
        "translations": [{"locale": locale, "url": f"{base_url}/katalog/{slug}/", "api_url": api}],
        "first_published_at": moment(number),
        "last_published_at": moment(number),
    }
    record.update(overrides)
    return record


class FakePortal:
    """
    Another portal's API on ``127.0.0.1:<free port>``. ``records`` are served in ``last_published_at`` order;
    ``faults`` is a list of what the next requests do instead of answering (popped one per request):
    ``("slow", seconds)``, ``("status", code)``, ``("status", 429, retry_after)``, ``("bad_json",)``; and
    ``truncate`` / ``next_host`` / ``page_size`` change how the listing is paged.
    """

    def __init__(self, records: list[dict[str, Any]] | None = None):
        self.records: list[dict[str, Any]] = list(records or [])
        self.faults: list[tuple] = []
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.truncate: int | None = None  # stop the listing after this many records (count stays)
        self.next_host: str | None = None  # next links lead to this host instead
        self.page_size: int | None = None  # pages of at most this many, whatever the limit asked
        self.max_limit: int | None = None  # a larger limit asked is a 400, as the real API answers
        self.portal = "Pemerintah Kota Sukamaju"
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.base_url + API_PATH

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    # Answers -------------------------------------------------------------------------------------------

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            fault = self.faults.pop(0) if self.faults else None
        if fault:
            kind = fault[0]
            if kind == "slow":
                time.sleep(fault[1])
            elif kind == "status":
                headers = {"Content-Type": "application/problem+json"}
                if len(fault) > 2:
                    headers["Retry-After"] = str(fault[2])
                body = {"type": "about:blank", "title": "Error", "status": fault[1], "detail": "Try later."}
                return fault[1], headers, json.dumps(body).encode()
            elif kind == "bad_json":
                return 200, {"Content-Type": "application/json"}, b'{"count": 3, "results": [{"id": '
        if path == API_PATH:
            resources = [
                {"name": n, "url": f"{self.api_url}{n}"} for n in ("innovations", "awards", "rounds")
            ]
            index = {
                "title": "KIPP open data API",
                "version": "1",
                "portal": self.portal,
                "resources": resources,
            }
            return 200, {"Content-Type": "application/json"}, json.dumps(index).encode()
        if path.rstrip("/") == API_PATH + "innovations":
            if self.max_limit and int(query.get("limit", ["0"])[0]) > self.max_limit:
                problem = {"status": 400, "detail": "These parameters are not valid: limit."}
                return 400, {"Content-Type": "application/problem+json"}, json.dumps(problem).encode()
            return 200, {"Content-Type": "application/json"}, json.dumps(self.listing(query)).encode()
        return 404, {"Content-Type": "application/problem+json"}, b'{"status": 404}'

    def listing(self, query: dict[str, list[str]]) -> dict[str, Any]:
        limit = int(query.get("limit", [str(min(20, self.max_limit or 20))])[0])
        if self.page_size:
            limit = min(limit, self.page_size)
        offset = int(query.get("offset", ["0"])[0])
        records = sorted(self.records, key=lambda record: record.get("last_published_at") or "")
        since = query.get("updated_since", [None])[0]
        if since:
            moment_since = datetime.datetime.fromisoformat(since.replace("Z", "+00:00").replace(" ", "+"))
            records = [
                record
                for record in records
                if record.get("last_published_at")
                and datetime.datetime.fromisoformat(record["last_published_at"].replace("Z", "+00:00"))
                > moment_since
            ]
        count = len(records)
        shown = records if self.truncate is None else records[: self.truncate]
        window = shown[offset : offset + limit]
        has_next = offset + limit < len(shown)
        base = self.api_url + "innovations"
        if self.next_host:
            base = f"http://{self.next_host}{API_PATH}innovations"
        params = {key: values[0] for key, values in query.items()}
        next_link = (
            f"{base}?{urlencode({**params, 'limit': limit, 'offset': offset + limit})}" if has_next else None
        )
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": next_link,
            "previous": None,
            "results": window,
        }

    def _handler(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the name http.server calls
                parts = urlsplit(self.path)
                with portal.lock:
                    portal.requests.append(self.path)
                    portal.user_agents.append(self.headers.get("User-Agent", ""))
                try:
                    status, headers, body = portal.answer(parts.path, parse_qs(parts.query))
                except Exception as error:  # a broken test server should say so, not hang
                    status, headers, body = 599, {"Content-Type": "text/plain"}, str(error).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

            def log_message(self, *args):
                pass

        return Handler
