#!/usr/bin/env python3
"""Crash safety: kill the server with SIGKILL at random moments while clients
create results, restart it, and check that nothing acknowledged was lost.

Each trial starts the release server on one SQLite database, lets several
clients create results through the JSON API, and kills the server (SIGKILL)
after a random delay. With the server down, `PRAGMA integrity_check` must say
ok. After the restart every result acknowledged in that trial (201 received)
must load with content identical to what the creation returned. At the end
every result acknowledged in any trial is checked once more.

Then a full-disk phase: FULL_TRIALS more trials in which the database may
grow only a few pages (SQLite's max_page_count, which fails writes exactly as
a full disk does), so it fills while the clients write and the server is
killed while full. Refusals (507) are expected then; a refusal slower than a
second, or a lost acknowledged result, fails the run.

Usage: crashtest.py  (SERVER_BIN, SITE_ROOT, CONTENT_DIR from the environment;
TRIALS, default 200; FULL_TRIALS, default 20; CLIENTS, default 8; SEED for a
repeatable run)
"""

import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tomllib

from server_process import CONTENT, free_port, spawn, wait_ready

TRIALS = int(os.environ.get("TRIALS", "200"))
FULL_TRIALS = int(os.environ.get("FULL_TRIALS", "20"))
CLIENTS = int(os.environ.get("CLIENTS", "8"))
SEED = int(os.environ.get("SEED", str(int(time.time()))))


def start(db_path, port, max_pages=None):
    settings = {"CROSSROADS_SQLITE_MAX_PAGES": str(max_pages)} if max_pages else {}
    process = spawn(f"sqlite://{db_path}", port, **settings)
    wait_ready(process, port, 20)
    return process


def create_until_killed(port, bodies, acknowledged, lock, stop, errors, refused):
    """Creates results until the connection dies; records each 201 (and
    counts each 507, which a full database answers)."""
    rng = random.Random()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while not stop.is_set():
        body = rng.choice(bodies)
        started = time.monotonic()
        try:
            connection.request("POST", "/api/v1/assessments", body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            return  # killed mid-request: not acknowledged
        if response.status == 507:
            took = time.monotonic() - started
            with lock:
                refused.append(took)
            if took > 1:
                errors.append(f"a refusal on a full database took {took:.2f} s")
                return
            continue
        if response.status != 201:
            errors.append(f"POST answered {response.status}: {payload[:200]!r}")
            return
        created = json.loads(payload)
        with lock:
            acknowledged[created["id"]] = created["result"]


def fetch(port, result_id):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"/api/v1/assessments/{result_id}")
    response = connection.getresponse()
    return response.status, response.read()


def verify(port, expected):
    """Ids whose stored content is missing or differs."""
    bad = []
    for result_id, result in expected.items():
        status, body = fetch(port, result_id)
        if status != 200 or json.loads(body) != result:
            bad.append((result_id, status))
    return bad


def page_count(db_path):
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()


def integrity(db_path):
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def main():
    rng = random.Random(SEED)
    with open(os.path.join(CONTENT, "examples.toml"), "rb") as f:
        examples = tomllib.load(f)["examples"]
    bodies = [json.dumps({"answers": e["answers"]}) for e in examples]
    data = tempfile.mkdtemp(prefix="crossroads-crash.")
    db_path = os.path.join(data, "crash.db")
    everything = {}
    lost, integrity_failures, errors = [], [], []
    kill_delays, refused = [], []
    started = time.monotonic()
    print(f"crashtest: {TRIALS} trials and {FULL_TRIALS} on a full database, {CLIENTS} clients, seed {SEED}, database {db_path}")

    for trial in range(1, TRIALS + FULL_TRIALS + 1):
        port = free_port()
        # The full-disk phase: room for a few results at most, so the
        # database fills while the clients write.
        full = trial > TRIALS
        if full and trial == TRIALS + 1:
            print("  full-disk phase")
        max_pages = page_count(db_path) + rng.randint(0, 60) if full else None
        server = start(db_path, port, max_pages)
        acknowledged, lock, stop = {}, threading.Lock(), threading.Event()
        clients = [
            threading.Thread(target=create_until_killed, args=(port, bodies, acknowledged, lock, stop, errors, refused))
            for _ in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        delay = rng.uniform(0.02, 0.4)
        kill_delays.append(delay)
        time.sleep(delay)
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for client in clients:
            client.join()

        check = integrity(db_path)
        if check != "ok":
            integrity_failures.append((trial, check))

        with lock:
            snapshot = dict(acknowledged)
        everything.update(snapshot)
        server = start(db_path, port)
        bad = verify(port, snapshot)
        server.terminate()
        server.wait()
        lost.extend((trial, *b) for b in bad)
        if trial % 20 == 0 or bad or check != "ok" or (full and trial == TRIALS + FULL_TRIALS):
            print(f"  trial {trial:3}: killed after {delay * 1000:3.0f} ms, {len(snapshot):4} acknowledged, "
                  f"{len(bad)} lost or changed, integrity {check}", flush=True)
        if errors:
            break

    # Once more at the end: every result ever acknowledged.
    port = free_port()
    server = start(db_path, port)
    final_bad = verify(port, everything)
    server.terminate()
    server.wait()

    elapsed = time.monotonic() - started
    print()
    print(f"trials                        {trial} ({FULL_TRIALS} on a full database)")
    print(f"results acknowledged          {len(everything)}")
    print(f"kill delay (ms) min/mean/max  {min(kill_delays) * 1000:.0f} / "
          f"{sum(kill_delays) / len(kill_delays) * 1000:.0f} / {max(kill_delays) * 1000:.0f}")
    print(f"refused as full (507)         {len(refused)}, slowest {max(refused, default=0) * 1000:.0f} ms")
    print(f"lost or changed after restart {len(lost)}")
    print(f"lost or changed at the end    {len(final_bad)}")
    print(f"integrity_check not ok        {len(integrity_failures)}")
    print(f"unexpected responses          {len(errors)}")
    print(f"time                          {elapsed:.0f} s")
    for line in errors[:5]:
        print(f"  {line}")
    for item in (lost + final_bad)[:10]:
        print(f"  lost: {item}")
    for item in integrity_failures[:5]:
        print(f"  integrity: {item}")
    full_phase_filled = FULL_TRIALS == 0 or refused
    ok = not (lost or final_bad or integrity_failures or errors) and trial == TRIALS + FULL_TRIALS and everything and full_phase_filled
    if ok:
        subprocess.run(["rm", "-rf", data], check=False)
    print("PASS" if ok else f"FAIL (database kept in {data})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
