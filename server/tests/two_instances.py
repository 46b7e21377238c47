#!/usr/bin/env python3
"""Two release server processes on one PostgreSQL database: a result link and a
team link created on one open on the other, with the same content; a result
kept in memory by one and deleted on the other answers 410 within a second,
also after the connection that hears deletions was cut; and with PostgreSQL
stopped under them, storage is refused with 503 at once while the guide stays
up, and everything recovers by itself when it is back.

Run beside a throwaway cluster: `with-postgres.sh python3 two_instances.py`
(SERVER_BIN, SITE_ROOT, CONTENT_DIR from the environment).
"""

import http.client
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.parse

from server_process import CONTENT, free_port, spawn, wait_ready

ADMIN = os.environ["CROSSROADS_TEST_POSTGRES"]
CONTROL = os.environ["CROSSROADS_TEST_POSTGRES_CONTROL"]
JSON = {"Content-Type": "application/json"}


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def psql(sql):
    return subprocess.run(["psql", ADMIN, "-qAtc", sql], check=True, capture_output=True, text=True).stdout.strip()


def create(port, answers):
    status, _, body = request(port, "POST", "/api/v1/assessments", json.dumps({"answers": answers}), JSON)
    assert status == 201, (status, body[:200])
    return json.loads(body)


def delete(port, created):
    status, _, _ = request(port, "DELETE", f"/api/v1/assessments/{created['id']}",
                           headers={"Authorization": f"Bearer {created['delete_token']}"})
    assert status == 204, status


def until(what, check, seconds):
    """Seconds until `check()` holds; fails after `seconds`."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, f"{what}: not within {seconds} s"
        time.sleep(0.02)
    return time.monotonic() - start


def timed(port, method, path, body=None, headers=None):
    start = time.monotonic()
    status, headers, body = request(port, method, path, body, headers)
    return status, headers, time.monotonic() - start


def listeners(database):
    return int(psql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND query LIKE 'LISTEN%'"))


def deletions_heard(ports, answers, database):
    """A result viewed on B is kept there; deleted on A, B answers 410 within a
    second. With the listening connections cut (and kept from coming back),
    B answers every view with a query: a deletion it could not hear answers
    410 at once. Listening again, it forgets what it kept and hears again."""
    a, b = ports
    created = create(a, answers)
    for _ in range(3):
        status, headers, _ = request(b, "GET", f"/r/{created['id']}")
        assert status == 200, status
    etag = headers["etag"]
    assert request(b, "GET", f"/r/{created['id']}", headers={"If-None-Match": etag})[0] == 304
    delete(a, created)
    took = until("B answers 410 for a result deleted on A",
                 lambda: request(b, "GET", f"/r/{created['id']}")[0] == 410, 1.0)
    assert request(b, "GET", f"/r/{created['id']}", headers={"If-None-Match": etag})[0] == 410, "the old ETag gets 410 too"
    print(f"deleted on A, 410 on B after {took * 1000:.0f} ms")

    # Cut both instances' listening connections, and keep new ones out of
    # this database meanwhile (the pools' open connections go on working).
    kept = create(a, answers)
    assert request(b, "GET", f"/r/{kept['id']}")[0] == 200
    assert listeners(database) == 2, "each instance listens on a connection of its own"
    psql(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false")
    try:
        psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND query LIKE 'LISTEN%'")
        until("the listening connections are gone", lambda: listeners(database) == 0, 5)
        time.sleep(0.2)
        # Nobody hears this deletion; B must not answer from memory.
        delete(a, kept)
        assert request(b, "GET", f"/r/{kept['id']}")[0] == 410, "deaf, B queries: the unheard deletion answers 410 at once"
        viewed = create(a, answers)
        for _ in range(2):
            assert request(b, "GET", f"/r/{viewed['id']}")[0] == 200
        delete(a, viewed)
        assert request(b, "GET", f"/r/{viewed['id']}")[0] == 410, "nothing read while deaf was kept"
    finally:
        psql(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
    took = until("both instances listen again", lambda: listeners(database) == 2, 5)
    print(f"listening connections cut: deletions meanwhile answered 410 at once; listening again after {took:.1f} s")
    assert request(b, "GET", f"/r/{kept['id']}")[0] == 410
    again = create(a, answers)
    assert request(b, "GET", f"/r/{again['id']}")[0] == 200
    delete(a, again)
    until("B hears deletions again", lambda: request(b, "GET", f"/r/{again['id']}")[0] == 410, 1.0)


def database_stopped(ports, answers, result_id):
    """PostgreSQL stopped under both instances: once it is found gone,
    `/readyz`, a result page and a new result answer 503 with Retry-After in
    under a second, the guide stays up; started again, all recovers by itself."""
    subprocess.run([CONTROL, "stop"], check=True)
    try:
        for port in ports:
            took = until(f"instance on {port} finds the database gone",
                         lambda: request(port, "GET", "/readyz")[0] == 503, 15)
            print(f"database stopped: port {port} not ready after {took:.1f} s")
        for port in ports:
            for method, path, body in [("GET", "/readyz", None), ("GET", f"/r/{result_id}", None),
                                       ("GET", f"/api/v1/assessments/{result_id}", None),
                                       ("POST", "/api/v1/assessments", json.dumps({"answers": answers}))]:
                status, headers, seconds = timed(port, method, path, body, JSON if body else None)
                assert status == 503, f"{method} {path} on {port}: {status}"
                assert "retry-after" in {k.lower() for k in headers}, f"{method} {path}: Retry-After"
                assert seconds < 1.0, f"{method} {path} on {port} took {seconds:.2f} s"
            status, _, seconds = timed(port, "GET", "/guide/serverless")
            assert status == 200 and seconds < 1.0, f"the guide stays up: {status} in {seconds:.2f} s"
    finally:
        subprocess.run([CONTROL, "start"], check=True)
    for port in ports:
        took = until(f"instance on {port} is ready again", lambda: request(port, "GET", "/readyz")[0] == 200, 10)
        assert request(port, "GET", f"/r/{result_id}")[0] == 200
        create(port, answers)
        print(f"database started: port {port} ready again after {took:.1f} s, pages and new results work")


def without_nonces(html):
    return re.sub(r'(nonce|crossorigin)="[^"]*"', r'\1=""', html)


def main():
    # A database of its own in the cluster.
    database = f"two_{os.getpid()}"
    server_url = ADMIN.rsplit("/", 1)[0]
    subprocess.run(["psql", ADMIN, "-qc", f"CREATE DATABASE {database}"], check=True)
    url = f"{server_url}/{database}"

    # Both start at once: migrations and example seeding must not collide.
    ports = [free_port(), free_port()]
    # As behind one load balancer: both build links with the same address.
    processes = [spawn(url, port, CROSSROADS_PUBLIC_URL="http://crossroads.test") for port in ports]
    try:
        for process, port in zip(processes, ports):
            wait_ready(process, port, 30)
        with open(os.path.join(CONTENT, "examples.toml"), "rb") as f:
            answers = tomllib.load(f)["examples"][1]["answers"]

        status, _, body = request(ports[0], "POST", "/api/v1/assessments",
                                  json.dumps({"answers": answers}), {"Content-Type": "application/json"})
        assert status == 201, (status, body[:200])
        created = json.loads(body)
        status, _, body = request(ports[1], "GET", f"/api/v1/assessments/{created['id']}")
        assert status == 200, f"the other instance answers {status} for {created['id']}"
        assert json.loads(body) == created["result"], "identical content on the other instance"
        pages = [without_nonces(request(p, "GET", f"/r/{created['id']}")[2].decode()) for p in ports]
        assert pages[0] == pages[1], "the result page renders the same on both instances"

        # A team decision made on the second, joined on the first with the invite
        # the owner sees there.
        form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://crossroads.test"}
        status, headers, _ = request(ports[1], "POST", "/t", urllib.parse.urlencode({"title": "Shared", "context": ""}), form)
        assert status == 303, status
        decision = headers["location"].split("/")[2]
        owner_cookie = headers["set-cookie"].split(";")[0]
        status, _, body = request(ports[0], "GET", f"/t/{decision}/owner", headers={"Cookie": owner_cookie})
        assert status == 200, f"the owner cookie from one instance opens the owner page on the other: {status}"
        invite = re.search(rf'/t/{decision}/i/([0-9A-Za-z]+)', body.decode()).group(0)
        # The link asks first (a GET changes nothing); the confirmation posts back.
        status, _, body = request(ports[0], "GET", invite)
        assert status == 200 and b"<form" in body, status
        status, headers, _ = request(ports[0], "POST", invite, "", form)
        assert status == 303, status
        invited = {**form, "Cookie": headers["set-cookie"].split(";")[0]}
        status, _, _ = request(ports[0], "POST", f"/t/{decision}/join", urllib.parse.urlencode({"name": "Ada"}), invited)
        assert status == 303, status
        status, _, body = request(ports[1], "GET", f"/t/{decision}")
        assert status == 200 and b"1 of at most" in body, "the join made on one instance shows on the other"
        print(f"two instances on one PostgreSQL database: result {created['id']} and decision {decision} shared: ok")
        deletions_heard(ports, answers, database)
        database_stopped(ports, answers, created["id"])
        print("deletions heard across instances, and the database stopped and started under them: ok")
        return 0
    finally:
        for process in processes:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    sys.exit(main())
