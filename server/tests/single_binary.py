"""The release binary is a whole deployment: copied alone into an empty folder
and started there with only a listen address and a database URL, it serves
every page type and its assets from memory (200, the right content type,
immutable caching for hashed files, brotli and gzip, ETag and 304, HEAD),
without unpacking the site into a temporary folder.

BIN names the binary (the release build, or the one a .deb unpacked).
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

BIN = os.environ["BIN"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, headers=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def main():
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as temp:
        binary = os.path.join(folder, "crossroads")
        shutil.copy(BIN, binary)
        port = free_port()
        # Nothing of the build or the repository: no site folder, no content folder.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CROSSROADS_", "LEPTOS_"))}
        env.update(CROSSROADS_LISTEN=f"127.0.0.1:{port}", CROSSROADS_DATABASE_URL="sqlite://data/crossroads.db", CROSSROADS_LOG="warn", TMPDIR=temp)
        process = subprocess.Popen([binary], cwd=folder, env=env, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 20
            while True:
                if process.poll() is not None:
                    sys.exit(f"the binary exited: {process.stderr.read().decode()}")
                try:
                    if get(port, "/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    sys.exit("not ready within 20 s")
                time.sleep(0.05)

            status, _, home = get(port, "/")
            assert status == 200, status
            home = home.decode()
            result = re.search(r'href="(/r/[0-9A-Za-z]{12})"', home).group(1)
            guide = re.search(r'href="(/guide/[a-z0-9-]+)"', home).group(1)
            pages = {"/": 200, "/guide": 200, guide: 200, "/wizard/situation": 200, "/wizard/review": 200,
                     result: 200, "/t/new": 200, "/nope": 404, "/api/v1/questionnaire": 200, "/api/openapi.json": 200}
            for path, expected in pages.items():
                status, headers, body = get(port, path)
                assert status == expected, f"{path}: {status}"
                assert len(body) > 0, path

            # The hashed assets the pages name, served from the binary: the
            # stylesheet everywhere, the wasm bundle on the pages with islands.
            wizard = get(port, "/wizard/situation")[2].decode()
            assets = set(re.findall(r'(/pkg/[A-Za-z0-9_.-]+\.(?:css|js|wasm))', home + wizard))
            kinds = {a.rsplit(".", 1)[1] for a in assets}
            assert {"css", "js", "wasm"} <= kinds, f"the pages name css, js and wasm: {sorted(assets)}"
            types = {"css": "text/css", "js": "text/javascript", "wasm": "application/wasm"}
            for asset in sorted(assets):
                kind = asset.rsplit(".", 1)[1]
                status, headers, plain = get(port, asset)
                assert status == 200, f"{asset}: {status}"
                assert headers["content-type"].startswith(types[kind]), f"{asset}: {headers['content-type']}"
                assert "immutable" in headers.get("cache-control", ""), f"{asset}: {headers.get('cache-control')}"
                for encoding in ("br", "gzip"):
                    status, headers, packed = get(port, asset, {"Accept-Encoding": encoding})
                    assert status == 200 and headers.get("content-encoding") == encoding, f"{asset} {encoding}: {headers}"
                    assert len(packed) < len(plain), f"{asset}: {encoding} is smaller"
                status, headers, body = get(port, asset, {"Accept-Encoding": "br"}, method="HEAD")
                assert status == 200 and body == b"" and headers.get("content-encoding") == "br", f"{asset} HEAD: {headers}"
                status, _, body = get(port, asset, {"If-None-Match": headers["etag"], "Accept-Encoding": "br"})
                assert status == 304 and body == b"", f"{asset}: {status} for its own ETag"
            status, headers, _ = get(port, "/favicon.svg")
            assert status == 200 and headers["content-type"].startswith("image/svg+xml"), headers
            status, headers, _ = get(port, "/robots.txt")
            assert status == 200 and headers["content-type"].startswith("text/plain"), headers
            # The site is served from memory: nothing of it is written to disk.
            unpacked = sorted(os.listdir(temp))
            assert not [name for name in unpacked if name.startswith("crossroads-site-")], f"a site folder in the temporary folder: {unpacked}"
            print(f"the binary alone serves {len(pages)} pages and {len(assets)} assets from memory (temporary folder: {unpacked}): ok")
        finally:
            process.terminate()
            process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
