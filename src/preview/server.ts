// The preview's HTTP server, on the loopback interface only. It answers GET and HEAD for its
// own page, the event stream, and the parts of the current build: page images and their
// text, and the EPUB's entries for the chapter view. Everything else is 404 (or 400 for a
// path that tries to leave, 403 for a foreign Host, 405 for another method).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAssets } from './assets.js';
import type { PreviewState } from './preview-state.js';
import { requestSegments } from './safe-path.js';

export const HOST = '127.0.0.1';

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// A chapter runs no script (Pressroom writes none) and loads nothing from outside the EPUB.
const CHAPTER_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; frame-ancestors 'self'";

const ENTRY_TYPES: Record<string, string> = {
  xhtml: 'application/xhtml+xml; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  otf: 'font/otf',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

/**
 * Listens on 127.0.0.1:`port`; when `tryNext` (the default port, not one the user asked
 * for) and it is taken, on the next free one of the 20 after it. Port 0 takes any free port.
 */
export async function startPreviewServer(state: PreviewState, port: number, tryNext: boolean): Promise<PreviewServer> {
  const assets = loadAssets();
  let bound = port;
  const server = createServer((req, res) => {
    res.on('error', () => {}); // a browser gone mid-answer: nothing to tell it
    let reply: Reply | 'events';
    try {
      reply = route(req, state, assets, bound);
    } catch (e) {
      // A render that fails (a damaged PDF page, memory) costs that request only.
      reply = text(500, `preview: ${(e as Error).message}\n`);
    }
    if (reply === 'events') state.events.add(res, state.catchUp());
    else send(res, req, reply);
  });
  // A malformed request, or a socket reset by the client: close it and go on serving.
  server.on('clientError', (_e, socket) => socket.destroy());
  for (let attempt = 0; ; attempt++) {
    try {
      bound = await listen(server, port + (port && tryNext ? attempt : 0));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !tryNext || port === 0 || attempt >= 20) throw e;
    }
  }
  return {
    url: `http://${HOST}:${bound}/`,
    port: bound,
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (e: Error) => {
      server.off('listening', ok);
      reject(e);
    };
    const ok = () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', failed);
    server.once('listening', ok);
    server.listen(port, HOST);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Event streams and kept-alive sockets would hold close() open for ever.
    server.closeAllConnections();
  });
}

/** What to answer a request with; the event stream is answered by the stream itself. */
interface Reply {
  status: number;
  type: string;
  body: Buffer | string;
  /** A URL with a build id in it names the same bytes for ever. */
  immutable?: boolean;
  headers?: Record<string, string>;
}

const text = (status: number, body: string, headers?: Record<string, string>): Reply => ({ status, type: 'text/plain; charset=utf-8', body, headers });
const NOT_FOUND = text(404, 'not found\n');

function route(req: IncomingMessage, state: PreviewState, assets: ReturnType<typeof loadAssets>, port: number): Reply | 'events' {
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed\n', { allow: 'GET, HEAD' });
  // Another site's page in the same browser may reach 127.0.0.1 under its own name (DNS
  // rebinding); only the names of this machine's loopback are served.
  if (!isLoopbackHost(req.headers.host, port)) return text(403, 'forbidden host\n');
  const names = requestSegments(req.url);
  if (!names) return text(400, 'bad path\n');
  const [head, id, ...rest] = names;

  if (names.length <= 1) {
    const asset = assets.get(head ?? 'index.html');
    if (asset) return { status: 200, type: asset.type, body: asset.body, headers: { 'content-security-policy': PAGE_CSP } };
    if (head === 'events') return req.method === 'HEAD' ? { status: 200, type: 'text/event-stream', body: '' } : 'events';
    return NOT_FOUND;
  }

  const current = state.current;
  // Parts of a build other than the current one are gone (a new build id is in every URL).
  if (!current) return NOT_FOUND;
  if (head === 'epub' && rest.length > 0 && id === current.bookId && current.book) {
    const entry = rest.join('/');
    const body = current.book.entry(entry);
    const type = ENTRY_TYPES[entry.slice(entry.lastIndexOf('.') + 1).toLowerCase()];
    if (!body || !type) return NOT_FOUND;
    return { status: 200, type, body, immutable: true, headers: { 'content-security-policy': CHAPTER_CSP } };
  }
  if (id !== current.id) return NOT_FOUND;
  if (head === 'pages' && rest.length === 1) {
    const n = /^([1-9]\d{0,5})\.png$/.exec(rest[0]);
    const png = n ? current.pages.png(Number(n[1])) : undefined;
    return png ? { status: 200, type: 'image/png', body: png, immutable: true } : NOT_FOUND;
  }
  if (head === 'text' && rest.length === 1 && /^[1-9]\d{0,5}$/.test(rest[0])) {
    const body = current.pages.text(Number(rest[0]));
    return body !== undefined ? { status: 200, type: 'text/plain; charset=utf-8', body, immutable: true } : NOT_FOUND;
  }
  return NOT_FOUND;
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(host);
  return !!m && (m[2] === undefined || Number(m[2]) === port);
}

function send(res: ServerResponse, req: IncomingMessage, r: Reply): void {
  res.writeHead(r.status, {
    ...r.headers,
    'content-type': r.type,
    'content-length': Buffer.byteLength(r.body),
    'cache-control': r.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : r.body);
}
