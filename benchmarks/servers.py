"""Servers a benchmark starts on loopback, each stopped by its process id: PostgreSQL, gunicorn, OpenSearch.

Both are context managers; leaving the ``with`` block (or an error inside it) stops the process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from setup_django import SITE

REPO = SITE.parent


def _postgres_bin() -> Path:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if not candidates:
        raise SystemExit("PostgreSQL is not installed: apt-get install postgresql (Debian's packages)")
    return candidates[-1].parent


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def _stop(pid: int, timeout: float = 30.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def postgres(port: int = 55440, database: str = "kipp_bench"):
    """A throw-away PostgreSQL cluster on 127.0.0.1:``port``; yields the database URL."""
    binaries = _postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="kipp-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    pid = None
    try:
        _as_postgres(
            [str(binaries / "initdb"), "-D", f"{folder}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            + ["--locale=C.UTF-8"]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=256MB"
        )
        _as_postgres(
            [str(binaries / "pg_ctl"), "-D", f"{folder}/data", "-l", f"{folder}/log", "-w", "-t", "60"]
            + ["-o", options, "start"]
        )
        pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
        _as_postgres(
            [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database]
        )
        yield f"postgres://postgres@127.0.0.1:{port}/{database}"
    finally:
        if pid:
            _stop(pid)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def gunicorn(database_url: str, port: int = 8040, workers: int = 2, extra_env: dict | None = None):
    """The example site under gunicorn (sync workers, no debug) on 127.0.0.1:``port``; yields its base URL."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "0", **(extra_env or {})}
    log = tempfile.NamedTemporaryFile(prefix="kipp-bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "example_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--timeout",
            "120",
        ],
        cwd=SITE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {log.name}")
            try:
                urllib.request.urlopen(base_url + "/", timeout=5).read()
                break
            except urllib.error.HTTPError:
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not answer within 60 s: see {log.name}") from None
                time.sleep(0.3)
        yield base_url
    finally:
        _stop(process.pid)
        process.wait(timeout=30)
        log.close()


def worker_memory(port: int) -> list[int]:
    """Resident memory (bytes) of each gunicorn worker serving 127.0.0.1:``port``, read from /proc."""
    processes = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if "gunicorn" in command and f"127.0.0.1:{port}" in command:
            processes[int(status.parent.name)] = (int(fields["PPid"]), int(fields["VmRSS"].split()[0]) * 1024)
    return [rss for pid, (parent, rss) in processes.items() if parent in processes]


@contextlib.contextmanager
def opensearch(port: int = 9200):
    """One OpenSearch node on 127.0.0.1:``port`` (``scripts/opensearch``); yields its URL, stops it by pid."""
    folder = tempfile.mkdtemp(prefix="kipp-bench-os-")
    env = {**os.environ, "OPENSEARCH_PORT": str(port)}
    try:
        subprocess.run(
            [shutil.which("bash") or "/bin/bash", str(REPO / "scripts" / "opensearch" / "start.sh"), folder],
            check=True,
            env=env,
        )
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run(
            [shutil.which("bash") or "/bin/bash", str(REPO / "scripts" / "opensearch" / "stop.sh"), folder],
            env=env,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)
