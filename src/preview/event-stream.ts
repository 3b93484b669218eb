// Server-sent events to every page open on the preview. A browser may go away at any moment
// (a closed tab, a dropped connection, a client that resets the socket mid-stream): its
// stream is forgotten on close or error, and a write to a dead one is never an exception.
import type { ServerResponse } from 'node:http';

/** A comment line now and then keeps proxies and idle timeouts from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepalive = setInterval(() => this.write(':\n\n'), KEEPALIVE_MS).unref();

  /** Turns a response into an event stream; `first` is sent to it alone, before anything else. */
  add(res: ServerResponse, first: { event: string; data: unknown }[]): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 1000\n\n');
    for (const e of first) res.write(frame(e.event, e.data));
    this.clients.add(res);
    const forget = () => this.clients.delete(res);
    res.on('close', forget);
    res.on('error', forget);
    res.socket?.on('error', forget);
  }

  send(event: string, data: unknown): void {
    this.write(frame(event, data));
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const res of this.clients) {
      if (res.destroyed || res.writableEnded) this.clients.delete(res);
      else res.write(text);
    }
  }
}

function frame(event: string, data: unknown): string {
  // JSON has no raw newline, so the data is one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
