// The append-only audit trail of mutations (ARCHITECTURE §6): a `begin` record is written before the first
// state-changing upstream call and an `end` record after the last, as JSON lines in one file. A crash between
// the two leaves the `begin`, which readers report as unfinished. Writes are serialised so lines never interleave.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
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
  private tail: Promise<void> = Promise.resolve();
  /** A crash mid-write leaves a torn last line; the next record must start on a line of its own, not extend it. */
  private endsMidLine: boolean;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.endsMidLine = lastByteIsNotNewline(file);
  }

  async begin(record: Omit<AuditBegin, 'id' | 'phase' | 'at'>): Promise<string> {
    const id = randomUUID();
    await this.append({ id, phase: 'begin', at: new Date().toISOString(), ...record });
    return id;
  }

  async end(id: string, record: Omit<AuditEnd, 'id' | 'phase' | 'at'>): Promise<void> {
    await this.append({ id, phase: 'end', at: new Date().toISOString(), ...record });
  }

  /** Every entry, newest first. Lines that do not parse (a torn last line after a crash) are skipped. */
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
      let record: AuditRecord;
      try {
        record = JSON.parse(line) as AuditRecord;
      } catch {
        continue;
      }
      if (record.phase === 'begin') begins.push(record);
      else if (record.phase === 'end') ends.set(record.id, record);
    }
    return begins.reverse().map(({ phase: _phase, ...begin }) => {
      const end = ends.get(begin.id);
      return { ...begin, dryRun: begin.dryRun === true, finished: end !== undefined, finishedAt: end?.at ?? null, results: end?.results ?? [], upstreamCalls: end?.upstreamCalls ?? null };
    });
  }

  private append(record: AuditRecord): Promise<void> {
    const line = `${this.endsMidLine ? '\n' : ''}${JSON.stringify(record)}\n`;
    this.endsMidLine = false;
    const write = this.tail.then(() => appendFile(this.file, line, { encoding: 'utf8', mode: 0o600 }));
    // The chain continues after a failed write; the failing caller still sees its error.
    this.tail = write.catch(() => undefined);
    return write;
  }
}

function lastByteIsNotNewline(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (size === 0) return false;
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}
