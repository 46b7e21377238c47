#!/usr/bin/env python3
"""Two release server processes on one PostgreSQL database: a result link and a
team link created on one open on the other, with the same content.

Run beside a throwaway cluster: `with-postgres.sh python3 two_instances.py`
(SERVER_BIN, SITE_ROOT, CONTENT_DIR from the environment).
"""

import http.client
import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.parse

from server_process import CONTENT, free_port, spawn, wait_ready

ADMIN = os.environ["CROSSROADS_TEST_POSTGRES"]


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


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
        return 0
    finally:
        for process in processes:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    sys.exit(main())
