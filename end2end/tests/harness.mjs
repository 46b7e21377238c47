// Starts a real Crossroads server (the release build) on a free loopback port
// with a throwaway database, and a headless Debian Chromium to drive it.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/// Waits until `base`/healthz answers, failing with `exited()` if `child` stops first.
async function healthy(child, base, ms, exited) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(exited());
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${base} did not become healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startServer(extraEnv = {}) {
  const bin = process.env.SERVER_BIN;
  if (!bin) throw new Error('SERVER_BIN is not set: run the browser tests with `make test`');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crossroads-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, [], {
    env: {
      ...process.env,
      CROSSROADS_LISTEN: `127.0.0.1:${port}`,
      CROSSROADS_DATABASE_URL: `sqlite://${join(dataDir, 'crossroads.db')}`,
      CROSSROADS_CONTENT_DIR: process.env.CONTENT_DIR,
      CROSSROADS_PUBLIC_URL: base,
      LEPTOS_SITE_ROOT: process.env.SITE_ROOT,
      CROSSROADS_LOG: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await healthy(child, base, 20000, () => `server exited with ${child.exitCode}`);
  return {
    base,
    port,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/// A page that records console errors and failed requests, so tests can assert there were none.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/// Starts Debian's nginx as a reverse proxy on 127.0.0.1:`port` in front of the
/// server on `upstreamPort`, with its own config and a temporary prefix. It
/// connects upstream from 127.0.0.2 (`proxy_bind`), so the server can tell the
/// trusted proxy from a direct client on one machine. `extra` adds directives
/// to the proxied location (an identity header, say).
export async function startNginx(port, upstreamPort, extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'crossroads-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_bind 127.0.0.2;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      ${extra}
    }
  }
}
`);
  const nginx = process.env.NGINX || '/usr/sbin/nginx';
  const child = spawn(nginx, ['-p', dir, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await healthy(child, base, 10000, () => `nginx exited with ${child.exitCode}: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
