#!/usr/bin/env python3
"""Webhooks end to end, with the release server and a receiver that verifies
every delivery with the Standard Webhooks specification's own Python library:

1. SQLite: an event committed while the server is down (it was killed with
   SIGKILL) is delivered after it starts again, once; an event whose receiver
   was down is retried after a restart and delivered, once.
2. PostgreSQL (when CROSSROADS_TEST_POSTGRES names a cluster, as under
   with-postgres.sh): two instances on one database deliver every event
   exactly once between them.

Events are inserted into the outbox exactly as a committed change leaves them
(`insert_event`); a real action (a status change) can replace that insert.
SERVER_BIN, SITE_ROOT, CONTENT_DIR come from the environment.
"""

import http.client
import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter

from standardwebhooks.webhooks import Webhook

from server_process import free_port, spawn, wait_ready

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PUBLIC = "http://crossroads.test"


class Receiver:
    """An HTTP receiver on loopback that accepts only deliveries the
    standardwebhooks library verifies, and counts them by webhook id."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.received = Counter()
        self.bodies = {}
        self.refused = []
        self.lock = threading.Lock()
        self.server = None

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                try:
                    payload = Webhook(SECRET).verify(body, dict(self.headers))
                except Exception as error:  # the library's verification error
                    with receiver.lock:
                        receiver.refused.append(str(error))
                    self.send_response(400)
                    self.end_headers()
                    return
                with receiver.lock:
                    receiver.received[self.headers["webhook-id"]] += 1
                    receiver.bodies[self.headers["webhook-id"]] = payload
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hook"

    def wait_for(self, ids, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if all(self.received[i] >= 1 for i in ids):
                    return
            time.sleep(0.1)
        raise SystemExit(f"not delivered within {seconds} s: {[i for i in ids if not self.received[i]]} (refused: {self.refused})")


def start(database_url, receiver, port=None):
    port = port or free_port()
    process = spawn(database_url, port, CROSSROADS_PUBLIC_URL=PUBLIC,
                    CROSSROADS_WEBHOOK_URL=receiver.url, CROSSROADS_WEBHOOK_SECRET=SECRET)
    wait_ready(process, port, 30)
    return process, port


def create_decision(port, title):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/t", urllib.parse.urlencode({"title": title, "context": ""}),
                       {"Content-Type": "application/x-www-form-urlencoded", "Origin": PUBLIC})
    response = connection.getresponse()
    assert response.status == 303, response.status
    return response.getheader("location").split("/")[2]


def event_row(n, decision):
    """An outbox row as a committed status change leaves it."""
    return (f"evt_system{os.getpid()}x{n:04d}", decision, "decision.status_changed",
            json.dumps({"status": "accepted"}), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def insert_sqlite(path, rows):
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO outbox (id, decision_id, kind, data, created_at) VALUES (?, ?, ?, ?, ?)", rows)


def kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait()


def sqlite_restarts():
    folder = tempfile.mkdtemp(prefix="crossroads-webhooks-")
    path = os.path.join(folder, "crossroads.db")
    url = f"sqlite://{path}"
    receiver = Receiver().start()
    process, port = start(url, receiver)
    decision = create_decision(port, "Checkout")
    kill(process)

    # Committed while the server is down: delivered after it starts again.
    first = event_row(1, decision)
    insert_sqlite(path, [first])
    process, port = start(url, receiver, port)
    receiver.wait_for([first[0]], 15)
    body = receiver.bodies[first[0]]
    assert body["type"] == "decision.status_changed" and body["decision"]["id"] == decision, body
    assert body["text"] == f"Decision “Checkout” is now accepted: {PUBLIC}/t/{decision}", body["text"]

    # The receiver is down when the next event comes: the attempt fails, the
    # server is killed, the receiver comes back, and the restarted server
    # retries once the delay has passed.
    receiver.stop()
    second = event_row(2, decision)
    insert_sqlite(path, [second])
    time.sleep(4)  # past a poll: the first attempt fails
    kill(process)
    with sqlite3.connect(path) as db:
        attempts = db.execute("SELECT COUNT(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id "
                              "WHERE d.event_id = ?", (second[0],)).fetchone()[0]
    assert attempts >= 1, "the attempt while the receiver was down is recorded"
    receiver = Receiver(receiver.port).start()
    process, port = start(url, receiver, port)
    try:
        receiver.wait_for([second[0]], 30)
        time.sleep(3)  # nothing more arrives
        assert receiver.received == Counter({second[0]: 1}), receiver.received
        assert not receiver.refused, receiver.refused
    finally:
        process.terminate()
        process.wait()
        receiver.stop()
    print(f"sqlite: an event committed while the server was down, and one whose receiver was down, each delivered once after a restart ({attempts} failed attempt(s) logged): ok")


def postgres_two_instances(admin):
    database = f"hooks_{os.getpid()}"
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {database}"], check=True)
    url = f"{admin.rsplit('/', 1)[0]}/{database}"
    receiver = Receiver().start()
    instances = [start(url, receiver) for _ in range(2)]
    try:
        decision = create_decision(instances[0][1], "Shared")
        rows = [event_row(n, decision) for n in range(40)]
        values = ",".join("('{}', '{}', '{}', '{}', '{}')".format(*row) for row in rows)
        subprocess.run(["psql", url, "-qc", f"INSERT INTO outbox (id, decision_id, kind, data, created_at) VALUES {values}"], check=True)
        receiver.wait_for([row[0] for row in rows], 30)
        time.sleep(5)  # both instances keep polling: nothing arrives twice
        twice = {i: n for i, n in receiver.received.items() if n != 1}
        assert not twice, f"delivered more than once: {twice}"
        assert len(receiver.received) == len(rows) and not receiver.refused, (len(receiver.received), receiver.refused)
    finally:
        for process, _ in instances:
            process.terminate()
            process.wait()
        receiver.stop()
    print(f"postgres: two instances delivered {len(rows)} events, each exactly once: ok")


def main():
    sqlite_restarts()
    admin = os.environ.get("CROSSROADS_TEST_POSTGRES")
    if admin:
        postgres_two_instances(admin)
    else:
        print("postgres: skipped (run under with-postgres.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
