#!/usr/bin/env python3
"""A real full disk: the release server's SQLite database on a small tmpfs.

Clients create results until the filesystem is full. Every result answered
201 must be readable after a SIGKILL restart (still full) and after a clean
restart; while full no request may take more than a second, writes answer 507
with Retry-After, /readyz says "out of storage", reads keep working, and
writes resume by themselves once space is freed.

Mounting a tmpfs needs root (the test machine runs as root); the test fails
with the reason when it cannot mount.

Usage: full_disk.py  (SERVER_BIN, SITE_ROOT, CONTENT_DIR from the environment)
"""

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib

from server_process import CONTENT, free_port, spawn, wait_ready

SIZE_MB = 8
# Left free when filling starts: room for a few dozen results.
HEADROOM = 600 * 1024
SLOWEST = 1.0


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.monotonic()
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    payload = response.read()
    return response.status, payload, {k.lower(): v for k, v in response.getheaders()}, time.monotonic() - started


def fill(port, body, acknowledged, problems):
    """Creates results from 8 clients until each has been refused 5 times in a row."""
    lock = threading.Lock()

    def client():
        refused_in_a_row = 0
        while refused_in_a_row < 5:
            try:
                status, payload, headers, took = request(port, "POST", "/api/v1/assessments", body, {"Content-Type": "application/json"})
            except (OSError, http.client.HTTPException) as error:
                problems.append(f"a write got no answer: {error!r}")
                return
            if took > SLOWEST:
                problems.append(f"a write took {took:.2f} s (status {status})")
            if status == 201:
                created = json.loads(payload)
                with lock:
                    acknowledged[created["id"]] = created["result"]
                refused_in_a_row = 0
            elif status == 507:
                if "retry-after" not in headers:
                    problems.append("a 507 without Retry-After")
                if b"out of storage space" not in payload:
                    problems.append(f"a 507 that does not say why: {payload[:200]!r}")
                refused_in_a_row += 1
            else:
                problems.append(f"a write answered {status}: {payload[:200]!r}")
                return

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def fill_decisions(port, decisions, problems):
    """Team decisions are small: they fill what room results left. Each is
    created (and must stay) or refused whole, within a second."""
    for n in range(1000):
        form = f"title=On+a+full+disk+{n}&context=" + "Why+we+decide.+" * 250
        status, payload, headers, took = request(port, "POST", "/t", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{port}"})
        if took > SLOWEST:
            problems.append(f"creating a decision took {took:.2f} s (status {status})")
        if status == 303:
            decisions.append(headers["location"].split("/")[2])
        elif status == 507:
            if b"out of storage space" not in payload:
                problems.append("a refused decision's page does not say why")
            return
        else:
            problems.append(f"creating a decision answered {status}: {payload[:200]!r}")
            return
    problems.append("decisions never filled the disk")


def verify(port, acknowledged, label, problems, decisions=()):
    for decision in decisions:
        status, _, _, _ = request(port, "GET", f"/api/v1/decisions/{decision}")
        if status != 200:
            problems.append(f"{label}: decision {decision}, reported created, answered {status}")
    for result_id, result in acknowledged.items():
        status, payload, _, took = request(port, "GET", f"/api/v1/assessments/{result_id}")
        if status != 200 or json.loads(payload) != result:
            problems.append(f"{label}: acknowledged result {result_id} answered {status}")
        elif took > SLOWEST:
            problems.append(f"{label}: reading {result_id} took {took:.2f} s")


def ballast(mount, name="ballast"):
    """Fills the filesystem up to HEADROOM free bytes with a file of its own."""
    stats = os.statvfs(mount)
    free = stats.f_bavail * stats.f_frsize
    path = os.path.join(mount, name)
    with open(path, "wb") as f:
        f.write(b"\0" * max(0, free - HEADROOM))
    return path


def main():
    with open(os.path.join(CONTENT, "examples.toml"), "rb") as f:
        body = json.dumps({"answers": tomllib.load(f)["examples"][0]["answers"]})
    mount = tempfile.mkdtemp(prefix="crossroads-full.")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", mount], capture_output=True, text=True)
    if mounted.returncode != 0:
        print(f"FAIL: cannot mount a {SIZE_MB} MB tmpfs at {mount} (run as root): {mounted.stderr.strip()}")
        return 1
    problems, acknowledged, decisions = [], {}, []
    db = f"sqlite://{mount}/crossroads.db"
    log = tempfile.NamedTemporaryFile(prefix="crossroads-full-log.", suffix=".txt", delete=False)
    started = time.monotonic()
    server = None
    try:
        port = free_port()
        server = spawn(db, port, stderr=log, CROSSROADS_LOG="warn")
        wait_ready(server, port, 20)
        filler = ballast(mount)

        fill(port, body, acknowledged, problems)
        print(f"full disk: {len(acknowledged)} results acknowledged before the disk filled")
        status, payload, _, took = request(port, "GET", "/readyz")
        if status != 503 or b"out of storage" not in payload or took > SLOWEST:
            problems.append(f"/readyz while full answered {status} in {took:.2f} s: {payload!r}")
        fill_decisions(port, decisions, problems)
        verify(port, acknowledged, "while full", problems, decisions)

        # Killed while full, restarted while still full: reads work, nothing acknowledged is lost.
        server.send_signal(signal.SIGKILL)
        server.wait()
        server = spawn(db, port, stderr=log, CROSSROADS_LOG="warn")
        wait_live(server, port)
        verify(port, acknowledged, "after SIGKILL, still full", problems, decisions)

        # Space comes back: writes resume without a restart.
        os.remove(filler)
        deadline = time.monotonic() + 5
        while True:
            status, payload, _, _ = request(port, "POST", "/api/v1/assessments", body, {"Content-Type": "application/json"})
            if status == 201:
                created = json.loads(payload)
                acknowledged[created["id"]] = created["result"]
                break
            if time.monotonic() > deadline:
                problems.append(f"writes did not resume once space was freed: {status} {payload[:200]!r}")
                break
            time.sleep(0.1)
        status, _, _, _ = request(port, "GET", "/readyz")
        if status != 200:
            problems.append(f"/readyz after space came back answered {status}")

        # Full again, then a clean stop and a restart with space.
        filler = ballast(mount, "ballast2")
        fill(port, body, acknowledged, problems)
        fill_decisions(port, decisions, problems)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        os.remove(filler)
        server = spawn(db, port, stderr=log, CROSSROADS_LOG="warn")
        wait_ready(server, port, 20)
        verify(port, acknowledged, "after a clean restart", problems, decisions)
    finally:
        if server and server.poll() is None:
            server.terminate()
            server.wait()
        subprocess.run(["umount", mount], check=False)
        os.rmdir(mount)

    log.close()
    with open(log.name, encoding="utf-8") as f:
        logged = f.read()
    if "disk holding the database is full" not in logged or f"{mount}/crossroads.db" not in logged:
        problems.append(f"the log does not name the database file and the cause: {logged[-600:]!r}")
    os.remove(log.name)
    print(f"results acknowledged  {len(acknowledged)}, decisions created {len(decisions)}")
    print(f"time                  {time.monotonic() - started:.0f} s")
    for line in problems[:20]:
        print(f"  {line}")
    ok = not problems and len(acknowledged) > 10
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def wait_live(process, port):
    """Like wait_ready, but a full disk may keep /readyz at 503: wait for /healthz."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server did not start on a full disk (see its log)")
        try:
            status, _, _, _ = request(port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("the server on a full disk did not answer /healthz within 20 s")


if __name__ == "__main__":
    sys.exit(main())
