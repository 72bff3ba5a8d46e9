"""
The harvest's HTTP client: reads another portal's open data API politely and defensively.

Explicit connect and read timeouts, retries with exponential back-off and jitter on connection errors,
timeouts, 429 (honouring ``Retry-After``) and 5xx answers, never on other 4xx answers; a size limit on every
answer; only ``http`` and ``https`` URLs, and ``next`` links only within the listing that was asked for.
Every failure is a :class:`HarvestError` whose message can go into a report as it is.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import requests
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import __version__
from ..conf import settings as kipp_settings

#: Longest wait accepted from a ``Retry-After`` header, and the longest back-off between two attempts.
MAX_WAIT_SECONDS = 300
CHUNK_BYTES = 64 * 1024
ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = f"wagtail-kipp/{__version__} (KIPP innovation harvest; python-requests/{requests.__version__})"


def setting(name: str) -> Any:
    """A harvest setting, ``WAGTAIL_KIPP_<name>`` (defaults in :data:`wagtail_kipp.conf.DEFAULTS`)."""
    return getattr(kipp_settings, name)


class HarvestError(Exception):
    """A source could not be read; the message says why, in words fit for the harvest report."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def check_url(url: str) -> str:
    """``url`` when it is an absolute ``http`` or ``https`` URL with a host; else :class:`HarvestError`."""
    parts = urlsplit(str(url or "").strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise HarvestError(_("Not an http or https URL: %(url)r") % {"url": str(url)[:200]})
    return urlunsplit(parts)


def api_root(url: str) -> str:
    """An API root as stored: checked, without query or fragment, ending with ``/``."""
    parts = urlsplit(check_url(url))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def portal_of(url: str) -> str:
    """The portal an API belongs to, as sources are recorded: its scheme and host (``https://kota.go.id``)."""
    parts = urlsplit(check_url(url))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))


def _host_key(parts) -> tuple[str, int | None]:
    # http://x and https://x are the same host (a proxy may not pass the scheme on); other ports are not.
    port = parts.port
    if port == {"http": 80, "https": 443}.get(parts.scheme.lower()):
        port = None
    return (parts.hostname or "").lower(), port


def follow_link(link: str, listing_url: str) -> str:
    """
    ``link`` (a ``next`` link) as a URL to request, when it leads to the same listing as ``listing_url``: the
    same host and path (its scheme is the listing's). Anything else is a :class:`HarvestError`.
    """
    target = urlsplit(check_url(urljoin(listing_url, link)))
    listing = urlsplit(listing_url)
    if _host_key(target) != _host_key(listing) or target.path.rstrip("/") != listing.path.rstrip("/"):
        raise HarvestError(
            _("The source's next link leads outside its listing: %(url)r") % {"url": link[:200]}
        )
    return urlunsplit((listing.scheme, listing.netloc, target.path, target.query, ""))


def retry_after_seconds(value: str | None) -> float | None:
    """A ``Retry-After`` header (seconds, or an HTTP date) in seconds; ``None`` when unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - time.time())


@dataclass
class Page:
    """One answer of a list: its envelope and its records, not yet validated one by one."""

    url: str
    count: int
    next: str | None
    results: list[Any]
    limit: int | None = None


@dataclass
class HarvestClient:
    """
    Reads JSON from harvested portals. ``sleep`` and ``jitter`` may be replaced (tests record the waits);
    ``request_count``, ``retry_count`` and ``waits`` say what was done, for the report.
    """

    timeout: tuple[float, float] | None = None
    retries: int | None = None
    backoff: float | None = None
    max_bytes: int | None = None
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random
    session: requests.Session = field(default_factory=requests.Session)
    request_count: int = 0
    retry_count: int = 0
    waits: list[float] = field(default_factory=list)

    def __post_init__(self):
        if self.timeout is None:
            self.timeout = tuple(setting("HARVEST_TIMEOUT"))
        if self.retries is None:
            self.retries = int(setting("HARVEST_RETRIES"))
        if self.backoff is None:
            self.backoff = float(setting("HARVEST_BACKOFF"))
        if self.max_bytes is None:
            self.max_bytes = int(setting("HARVEST_MAX_RESPONSE_BYTES"))
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self.session.max_redirects = 5

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # One request ----------------------------------------------------------------------------------------

    def backoff_delay(self, attempt: int) -> float:
        """Seconds before retry ``attempt`` (0 is the first): exponential, with "equal jitter"."""
        ceiling = min(MAX_WAIT_SECONDS, self.backoff * (2**attempt))
        return ceiling / 2 + self.jitter() * ceiling / 2

    def get_json(self, url: str) -> Any:
        """The JSON of a successful ``GET url``, retrying what may pass; else :class:`HarvestError`."""
        url = check_url(url)
        for attempt in range(self.retries + 1):
            delay = None
            try:
                return self._attempt(url)
            except _Retryable as problem:
                failure, delay = problem.reason, problem.retry_after
            if attempt == self.retries:
                tries = self.retries + 1
                attempts = ngettext("%(count)s attempt", "%(count)s attempts", tries) % {"count": tries}
                raise HarvestError(f"{failure} ({attempts}): {url}")
            if delay is None:
                delay = self.backoff_delay(attempt)
            elif delay > MAX_WAIT_SECONDS:
                wait = _("the source asks to wait %(seconds)d s") % {"seconds": delay}
                raise HarvestError(f"{failure}; {wait}: {url}")
            self.retry_count += 1
            self.waits.append(delay)
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(self, url: str) -> Any:
        self.request_count += 1
        began = time.monotonic()
        try:
            response = self.session.get(url, timeout=self.timeout, stream=True)
        except requests.Timeout as error:
            raise _Retryable(_("The source did not answer in time")) from error
        except requests.ConnectionError as error:
            raise _Retryable(
                _("Could not connect to the source (%(error)s)") % {"error": _short(error)}
            ) from error
        except requests.RequestException as error:  # too many redirects, an invalid URL ...
            message = _("Could not request %(url)s: %(error)s") % {"url": url, "error": _short(error)}
            raise HarvestError(message) from error
        with response:
            status = response.status_code
            if status == 429 or status >= 500:
                raise _Retryable(
                    _("The source answered %(status)s") % {"status": status},
                    retry_after_seconds(response.headers.get("Retry-After")),
                )
            if status != 200:
                answered = _("The source answered %(status)s") % {"status": status}
                raise HarvestError(f"{answered}{_problem(response)}: {url}", status=status)
            check_url(response.url)  # after redirects
            body = self._read(response, began)
        content_type = response.headers.get("Content-Type", "")
        if "json" not in content_type.lower():
            message = _("The source did not answer with JSON (%(type)s)") % {"type": content_type or "-"}
            raise HarvestError(f"{message}: {url}")
        try:
            return json.loads(body)
        except ValueError as error:
            message = _("The source's answer is not valid JSON (%(error)s)") % {"error": error}
            raise HarvestError(f"{message}: {url}") from error

    def _read(self, response: requests.Response, began: float) -> bytes:
        limit = self.max_bytes
        declared = response.headers.get("Content-Length", "")
        too_large = _("The source's answer is larger than %(limit)s bytes") % {"limit": limit}
        if declared.isdigit() and int(declared) > limit:
            raise HarvestError(f"{too_large}: {response.url}")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise HarvestError(f"{too_large}: {response.url}")
                if time.monotonic() - began > self.timeout[1]:
                    raise _Retryable(_("The source's answer came too slowly"))
                chunks.append(chunk)
        except (requests.ConnectionError, requests.Timeout) as error:
            raise _Retryable(_("The answer was cut off (%(error)s)") % {"error": _short(error)}) from error
        except requests.RequestException as error:
            raise _Retryable(
                _("The answer could not be read (%(error)s)") % {"error": _short(error)}
            ) from error
        return b"".join(chunks)

    # Listings ------------------------------------------------------------------------------------------

    def pages(self, listing_url: str, params: dict[str, Any]) -> Iterator[Page]:
        """
        The pages of a list, following its ``next`` links: each link must stay in the listing, none may be
        visited twice, and there may be no more pages than the first page's ``count`` needs. A ``limit`` the
        source refuses (larger than its maximum page size) is dropped: the source's default is used.
        """
        listing_url = check_url(listing_url)
        url = f"{listing_url}?{urlencode(params)}" if params else listing_url
        try:
            page = parse_page(url, self.get_json(url))
        except HarvestError as error:
            if error.status != 400 or "limit" not in params:
                raise
            params = {key: value for key, value in params.items() if key != "limit"}
            url = f"{listing_url}?{urlencode(params)}" if params else listing_url
            page = parse_page(url, self.get_json(url))
        visited = {url}
        most_pages = page.count // (page.limit or int(params.get("limit") or 1)) + 3
        while True:
            yield page
            if not page.next:
                return
            url = follow_link(page.next, listing_url)
            if url in visited:
                raise HarvestError(_("The source's next links go round in a circle: %(url)s") % {"url": url})
            visited.add(url)
            if len(visited) > most_pages:
                message = _("The source gives more pages than its count of %(count)s needs")
                raise HarvestError(message % {"count": page.count})
            page = parse_page(url, self.get_json(url))

    def index(self, api_url: str) -> dict[str, Any]:
        """The API's index (title, portal, resources), or :class:`HarvestError` if it is not a KIPP API."""
        data = self.get_json(api_root(api_url))
        if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
            raise HarvestError(_("Not the root of a KIPP open data API: %(url)s") % {"url": api_url})
        return data


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def parse_page(url: str, data: Any) -> Page:
    """The envelope of a list answer; a malformed one is a :class:`HarvestError` (the page cannot be read)."""
    if not isinstance(data, dict):
        raise HarvestError(_("The source's answer is not a list page: %(url)s") % {"url": url})
    count, results, next_link = data.get("count"), data.get("results"), data.get("next")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise HarvestError(_("The source's list page has no valid count: %(url)s") % {"url": url})
    if not isinstance(results, list):
        raise HarvestError(_("The source's list page has no list of results: %(url)s") % {"url": url})
    if next_link is not None and not isinstance(next_link, str):
        raise HarvestError(_("The source's list page has an invalid next link: %(url)s") % {"url": url})
    limit = data.get("limit")
    limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None
    return Page(url=url, count=count, next=next_link or None, results=results, limit=limit)


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _problem(response: requests.Response) -> str:
    """The ``detail`` of an RFC 9457 problem answer, briefly, when there is one."""
    if "json" not in response.headers.get("Content-Type", ""):
        return ""
    try:
        raw = response.raw.read(16 * 1024, decode_content=True)
        detail = json.loads(raw).get("detail")
    except (ValueError, AttributeError, OSError):
        return ""
    return f" ({str(detail)[:200]})" if detail else ""
