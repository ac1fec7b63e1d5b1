// The append-only audit trail of mutations (ARCHITECTURE §6): a `begin` record is written before the first
// state-changing upstream call and an `end` record after the last, as JSON lines in one file. A crash between
// the two leaves the `begin`, which readers report as unfinished. Writes are serialised so lines never interleave.
// Several processes append to the one file (WORKERS > 1: every worker has its own AuditLog over the same path):
// each record is one write() on an O_APPEND descriptor, so another process's records land before or after it,
// never inside (local filesystems; not NFS); and each append first looks at the file's last byte, so a line another
// process left torn (it died mid-write) is closed before this record instead of swallowing it.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AuditItem {
  id: string;
  key: string | null;
}

export interface AuditBegin {
  id: string;
  phase: 'begin';
  at: string;
  caller: string;
  operation: string;
  note: string | null;
  items: AuditItem[];
  /** The operation's input without secrets (passwords are never part of it). */
  input: unknown;
  /** A dry run: the items were resolved and nothing was sent. */
  dryRun: boolean;
}

export interface AuditEnd {
  id: string;
  phase: 'end';
  at: string;
  results: Array<{ id: string; key: string | null; status: string; messageKey: string | null; message: string }>;
  upstreamCalls: number;
}

export type AuditRecord = AuditBegin | AuditEnd;

/** A begin joined with its end, if any. */
export interface AuditEntry extends Omit<AuditBegin, 'phase' | 'dryRun'> {
  dryRun: boolean;
  finished: boolean;
  finishedAt: string | null;
  results: AuditEnd['results'];
  upstreamCalls: number | null;
}

export class AuditLog {
  /** This process's appends, one after the other (other processes' appends are not part of it). */
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  async begin(record: Omit<AuditBegin, 'id' | 'phase' | 'at'>): Promise<string> {
    const id = randomUUID();
    await this.append({ id, phase: 'begin', at: new Date().toISOString(), ...record });
    return id;
  }

  async end(id: string, record: Omit<AuditEnd, 'id' | 'phase' | 'at'>): Promise<void> {
    await this.append({ id, phase: 'end', at: new Date().toISOString(), ...record });
  }

  /**
   * Every entry, newest first. A torn line (a process died mid-write) is skipped, but a whole record written right
   * after it on the same line (by another process that checked the last byte just before the tear) is still read.
   * This process's own appends are all in; another worker's append still in flight is not (it shows on a later
   * read, as if it had come a moment later).
   */
  async entries(): Promise<AuditEntry[]> {
    await this.tail;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const begins: AuditBegin[] = [];
    const ends = new Map<string, AuditEnd>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = recordOf(line);
      if (record?.phase === 'begin') begins.push(record);
      else if (record?.phase === 'end') ends.set(record.id, record);
    }
    return begins.reverse().map(({ phase: _phase, ...begin }) => {
      const end = ends.get(begin.id);
      return {
        ...begin,
        dryRun: begin.dryRun === true,
        finished: end !== undefined,
        finishedAt: end?.at ?? null,
        results: end?.results ?? [],
        upstreamCalls: end?.upstreamCalls ?? null,
      };
    });
  }

  private append(record: AuditRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.tail.then(() => appendLine(this.file, line));
    // The chain continues after a failed write; the failing caller still sees its error.
    this.tail = write.catch(() => undefined);
    return write;
  }
}

const NEWLINE = 0x0a;

/**
 * Appends one line. Checked before every append, not once at start: another process sharing the file may have
 * died mid-write since. Then one write() of the whole line: appendFile would split a record over 512 KiB into
 * several writes, between which another process's record could land, and an end record can outgrow the request
 * that caused it (one result per item). Audit writes are rare; the open, fstat and 1-byte read cost little.
 */
async function appendLine(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      torn = last[0] !== NEWLINE;
    }
    const bytes = Buffer.from(torn ? `\n${line}` : line, 'utf8');
    // A regular file takes the whole buffer in one write unless the disk is full; then the rest follows.
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

/** Where a record may start on a line: JSON.stringify puts `id` first in every record (begin and end). */
const RECORD_START = '{"id":';

/**
 * The record on a line; undefined for a torn line. A line that does not parse may be a torn record with a whole
 * one glued after it (its writer checked the last byte just before another process tore the line): the first
 * suffix that parses from a record start is that record. A suffix starting inside the torn part cannot parse,
 * since the rest of the line follows it.
 */
function recordOf(line: string): AuditRecord | undefined {
  for (let start = 0; start !== -1; start = line.indexOf(RECORD_START, start + 1)) {
    try {
      const record = JSON.parse(start === 0 ? line : line.slice(start)) as AuditRecord;
      // An object of the torn part's own (an item) can parse when the tear falls right after it: it has no phase.
      if (typeof record?.id === 'string' && (record.phase === 'begin' || record.phase === 'end')) return record;
    } catch {
      // Torn: try the next record start (a wrong start fails at the end of its first value, so this is cheap).
    }
  }
  return undefined;
}
