// Progress on a terminal while a build runs (filled in by the progress work: a line saying
// which stage and article each build is at). Silent when the output is not a terminal.
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

/** Progress for `stream` when it is a terminal and the user did not ask for --json or --quiet. */
export function progressFor(_stream: NodeJS.WriteStream, _enabled: boolean): Progress {
  return NO_PROGRESS;
}
