// Progress on a terminal while a build runs: ONE line, rewritten in place, saying which stage
// and article each running build is at, e.g. `⠋ sample: typesetting the issue · 3.2 s`.
// Silent when the output is not a terminal (a pipe, a file, CI logs), so that captured output
// never holds carriage returns or escape sequences.
import path from 'node:path';
import type { BuildStep } from '../build.js';

export interface Progress {
  /** An edition's build is at `step`. */
  step(edition: string, step: BuildStep): void;
  /** An edition's build ended: its line goes. */
  done(edition: string): void;
  /** Clear whatever is on screen before other output is written. */
  clear(): void;
}

export const NO_PROGRESS: Progress = { step() {}, done() {}, clear() {} };

/** What progress needs of a stream: process.stderr, or a fake in the tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Time and a repeating timer, injected so tests can drive them by hand. */
export interface Clock {
  /** Milliseconds from any fixed origin. */
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref(); // a finished build must exit even if a `done` went missing
    return () => clearInterval(timer);
  },
};

/** The line is redrawn on a timer, never on each step: at most ten writes a second however fast steps come. */
export const REDRAW_MS = 100;

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[K';

/**
 * Progress for `stream` when it is a terminal and the user did not ask for --json or --quiet.
 * A `TERM=dumb` terminal (an editor's shell buffer) gets none: it does not know ESC[K.
 */
export function progressFor(stream: ProgressStream, enabled: boolean, clock: Clock = SYSTEM_CLOCK, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!enabled || !stream.isTTY || env.TERM === 'dumb') return NO_PROGRESS;
  return new TerminalLine(stream, clock);
}

interface Running {
  name: string;
  started: number;
  step: BuildStep;
}

class TerminalLine implements Progress {
  /** The running builds, in the order they started (so each keeps its place on the line). */
  private readonly running = new Map<string, Running>();
  private onScreen = false;
  private frame = 0;
  private stopTimer?: () => void;

  constructor(
    private readonly stream: ProgressStream,
    private readonly clock: Clock,
  ) {}

  step(edition: string, step: BuildStep): void {
    const known = this.running.get(edition);
    if (known) known.step = step;
    else this.running.set(edition, { name: editionName(edition), started: this.clock.now(), step });
    this.stopTimer ??= this.clock.every(REDRAW_MS, () => this.draw());
  }

  done(edition: string): void {
    this.running.delete(edition);
    if (this.running.size) return;
    this.stopTimer?.();
    this.stopTimer = undefined;
    this.clear();
  }

  clear(): void {
    if (!this.onScreen) return;
    this.stream.write(CLEAR_LINE);
    this.onScreen = false;
  }

  private draw(): void {
    if (!this.running.size) return;
    const width = Math.max(1, (this.stream.columns || 80) - 1); // the last column would wrap on some terminals
    this.frame = (this.frame + 1) % SPINNER.length;
    this.stream.write(`\r${progressLine([...this.running.values()], this.clock.now(), SPINNER[this.frame], width)}\x1b[K`);
    this.onScreen = true;
  }
}

/** `⠋ sample: reading article 3 (03-market.md) · gazette: writing the PDF · 3.2 s`, at most `width` cells. */
function progressLine(running: readonly Running[], now: number, spinner: string, width: number): string {
  const since = Math.min(...running.map((r) => r.started));
  const time = ` · ${((now - since) / 1000).toFixed(1)} s`;
  const parts = running.map((r) => `${r.name}: ${describe(r.step)}`).join(' · ');
  const room = width - cells(spinner) - 1 - cells(time);
  // The time stays whole at the end while there is room for some of the steps; the steps give way first.
  if (room >= 8) return `${spinner} ${fit(parts, room)}${time}`;
  return fit(`${spinner} ${parts}${time}`, width);
}

/** A step as the line shows it: what it is doing, and the article's file name when it is at one. */
function describe(step: BuildStep): string {
  const file = step.file && step.file !== 'edition.yaml' ? ` (${path.basename(step.file)})` : '';
  return printable(`${step.doing}${file}`);
}

/** The name the line gives an edition: its folder's name. */
function editionName(dir: string): string {
  return printable(path.basename(path.resolve(dir)));
}

/** Control characters from a folder or file name must not reach the terminal as commands. */
function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** `s` cut to `width` terminal cells, with an ellipsis when cut. */
function fit(s: string, width: number): string {
  if (cells(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charCells(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** How many terminal cells `s` takes. */
export function cells(s: string): number {
  let n = 0;
  for (const ch of s) n += charCells(ch);
  return n;
}

/**
 * Wide (East Asian and emoji) characters take two cells, which matters to a line that must
 * not wrap: a wrapped line can no longer be rewritten with \r. Marks that combine take none.
 */
function charCells(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (/\p{Mn}|\p{Me}/u.test(ch)) return 0;
  const wide =
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd);
  return wide ? 2 : 1;
}
