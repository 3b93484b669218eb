// Calls back once per burst of saved changes in an edition folder: an editor's save is often
// several events (a temp file written, renamed, the original removed), so they are gathered
// for a short while first. Node 20 watches a folder tree recursively on Linux too (inotify on
// every subfolder, new ones included), so fs.watch is enough.
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

export interface TreeWatcher {
  close(): void;
}

/** Time to let a burst of events settle before rebuilding. */
export const DEBOUNCE_MS = 150;

/** Editors' swap, backup and lock files, and the like: saving them is not saving the edition. */
export function isScratchFile(relative: string): boolean {
  const base = path.basename(relative);
  return (
    /\.(swp|swo|swx|swpx|tmp|crswap)$/i.test(base) ||
    base.endsWith('~') ||
    base.startsWith('.#') ||
    (base.startsWith('#') && base.endsWith('#')) ||
    base === '4913' || // vim's probe of whether it may write the folder
    base === '.DS_Store' ||
    relative.split(/[\\/]/).some((part) => part === '.git' || part === 'node_modules')
  );
}

/**
 * Watches `dir` and its subfolders; `ignore` holds folders (absolute) whose changes never
 * count, such as an output folder placed inside the edition.
 */
export function watchTree(dir: string, ignore: string[], onChange: (files: string[]) => void, onError: (e: Error) => void): TreeWatcher {
  const root = path.resolve(dir);
  const ignored = ignore.map((p) => path.resolve(p));
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, name) => {
    // Some platforms give no name; then something changed, somewhere.
    const rel = name ? name.toString() : '.';
    const abs = path.resolve(root, rel);
    if (isScratchFile(rel) || ignored.some((p) => abs === p || abs.startsWith(p + path.sep))) return;
    pending.add(rel);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      onChange(files);
    }, DEBOUNCE_MS);
  });
  watcher.on('error', onError);
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
