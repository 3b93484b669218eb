// One build at a time, and never a change left unbuilt: a change that arrives while a build
// runs marks the tree dirty, and the build that ends then is followed by one more (however
// many changes came meanwhile, only one).
export interface RebuildLoop {
  /** Asks for a build: now if none runs, else right after the running one. */
  request(): void;
  /** Resolves when no build runs or is waiting; no new request starts one afterwards. */
  stop(): Promise<void>;
  readonly building: boolean;
}

export function rebuildLoop(build: () => Promise<void>): RebuildLoop {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): void => {
    again = false;
    running = build()
      .catch(() => {}) // the build reports its own failures; a rejection here must not end the loop
      .then(() => {
        running = undefined;
        if (again && !stopped) run();
      });
  };
  return {
    request() {
      if (stopped) return;
      if (running) again = true;
      else run();
    },
    async stop() {
      stopped = true;
      again = false;
      await running;
    },
    get building() {
      return running !== undefined;
    },
  };
}
