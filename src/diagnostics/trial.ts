// Diagnostics of work that may be thrown away. The typesetter tries layouts (figures set
// smaller to save a runt page, a contents page set tighter, stories laid out again under a
// taller front page) and keeps one: what a discarded try found must not be reported, and
// what the kept one found must be reported once. A Trial holds its diagnostics until it is
// kept, then hands them to its sink (the build's Reporter, or the trial it was made in), so
// every stage reports through the same path as the manifest and the Markdown do.
import type { Diagnostic } from './diagnostic.js';

/** Where a stage sends what it finds (the build's Reporter is one). */
export interface DiagnosticSink {
  report(d: Diagnostic): void;
}

export class Trial implements DiagnosticSink {
  /** Keys of things reported once per document (a missing glyph in a file), as far as this trial knows. */
  readonly given: Set<string>;
  private readonly pending: Diagnostic[] = [];

  constructor(
    private readonly sink: DiagnosticSink,
    given: ReadonlySet<string> = new Set(),
  ) {
    this.given = new Set(given);
  }

  report(d: Diagnostic): void {
    this.pending.push(d);
  }

  /** What it holds, not yet handed on. */
  get held(): readonly Diagnostic[] {
    return this.pending;
  }

  /** A trial inside this one: what it finds reaches this one only if it is kept. */
  trial(): Trial {
    return new Trial(this, this.given);
  }

  /** Hands what it holds on to its sink (a trial that is never kept is dropped with all it found). */
  keep(): void {
    if (this.sink instanceof Trial) for (const k of this.given) this.sink.given.add(k);
    for (const d of this.pending) this.sink.report(d);
    this.pending.length = 0;
  }
}
