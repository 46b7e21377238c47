"""Starting the release server for the system tests (crash test, two
instances): a free port, the environment, and waiting until it is ready.

SERVER_BIN, SITE_ROOT and CONTENT_DIR come from the environment.
"""

import http.client
import os
import socket
import subprocess
import time

BIN = os.environ["SERVER_BIN"]
SITE = os.environ["SITE_ROOT"]
CONTENT = os.environ["CONTENT_DIR"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(database_url, port, stderr=subprocess.PIPE, **settings):
    """Starts a server on loopback with the write rate limit off; `settings`
    add or replace environment variables (CROSSROADS_LOG=..., say). The log
    goes to `stderr` (a pipe, read when the server fails to start)."""
    env = dict(
        os.environ,
        CROSSROADS_LISTEN=f"127.0.0.1:{port}",
        CROSSROADS_DATABASE_URL=database_url,
        CROSSROADS_CONTENT_DIR=CONTENT,
        LEPTOS_SITE_ROOT=SITE,
        CROSSROADS_LOG="error",
        CROSSROADS_WRITE_RATE="0",
    )
    env.update(settings)
    return subprocess.Popen([BIN], env=env, stdout=subprocess.DEVNULL, stderr=stderr)


def wait_ready(process, port, seconds):
    """Returns once /readyz answers 200; stops the run if the server exits or
    is not ready within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = process.stderr.read().decode() if process.stderr else "(see its log)"
            raise SystemExit(f"the server on port {port} exited at start-up: {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.01)
    process.kill()
    raise SystemExit(f"the server on port {port} was not ready within {seconds} s")
