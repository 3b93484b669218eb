// Reads the files of a zip archive (an EPUB) held in memory, from its central directory, with
// Node's own inflate: the preview needs a handful of entries of a file Pressroom itself wrote,
// which does not justify a dependency. Only stored and deflated entries are read; anything
// else (zip64, encryption, a directory that does not fit the buffer) reads as no entry.
import { inflateRawSync } from 'node:zlib';

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** Far more than any EPUB page or stylesheet; bounds what a damaged size field can ask inflate for. */
const MAX_ENTRY_BYTES = 64 << 20;

export class ZipReader {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly data: Buffer) {
    const end = findEndOfCentralDirectory(data);
    if (end < 0) return;
    const count = data.readUInt16LE(end + 10);
    let at = data.readUInt32LE(end + 16);
    for (let k = 0; k < count && at + 46 <= data.length && data.readUInt32LE(at) === 0x02014b50; k++) {
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const name = data.toString('utf8', at + 46, at + 46 + nameLength);
      this.entries.set(name, {
        method: data.readUInt16LE(at + 10),
        compressedSize: data.readUInt32LE(at + 20),
        size: data.readUInt32LE(at + 24),
        localHeader: data.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** The entries' names, as the archive spells them (forward slashes, no leading slash). */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The bytes of one entry, or undefined when there is no such entry or it cannot be read. */
  read(name: string): Buffer | undefined {
    const e = this.entries.get(name);
    if (!e || e.size > MAX_ENTRY_BYTES || e.localHeader + 30 > this.data.length) return undefined;
    const h = e.localHeader;
    if (this.data.readUInt32LE(h) !== 0x04034b50) return undefined;
    const start = h + 30 + this.data.readUInt16LE(h + 26) + this.data.readUInt16LE(h + 28);
    const raw = this.data.subarray(start, start + e.compressedSize);
    if (raw.length !== e.compressedSize) return undefined;
    try {
      if (e.method === 0) return Buffer.from(raw);
      if (e.method === 8) return inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
    } catch {
      return undefined;
    }
    return undefined;
  }

  /** An entry as UTF-8 text. */
  text(name: string): string | undefined {
    return this.read(name)?.toString('utf8');
  }
}

/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes (its comment may be that long). */
function findEndOfCentralDirectory(data: Buffer): number {
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  return -1;
}
