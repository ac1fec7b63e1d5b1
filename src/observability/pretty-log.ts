// LOG_FORMAT=pretty: one short line per record for a person at a terminal, through pino-pretty in this process
// (a pino transport would start a worker thread for what is a few lines a second). A request's record becomes
// "FleetPage 200 · 12.3 ms · 2 upstream · by miadmin": the fields an operator reads, folded into the message.
import { prettyFactory } from 'pino-pretty';

/** The fields of the per-request record (src/plugins/observability.ts) that its pretty message carries. */
const REQUEST_FIELDS = [
  'requestId',
  'operation',
  'caller',
  'responseCache',
  'status',
  'errors',
  'upstreamCalls',
  'durationMs',
] as const;
const REQUEST_MESSAGE = 'graphql request';

type LogRecord = Record<string, unknown>;

/** The request record as one phrase, or undefined for any other record. */
export function requestPhrase(record: LogRecord): string | undefined {
  if (record.msg !== REQUEST_MESSAGE) return undefined;
  const parts = [`${record.operation ?? 'anonymous'} ${record.status ?? ''}`.trim(), `${record.durationMs} ms`];
  if (typeof record.upstreamCalls === 'number' && record.upstreamCalls > 0)
    parts.push(`${record.upstreamCalls} upstream`);
  if (record.responseCache === 'hit') parts.push('cached');
  if (Array.isArray(record.errors) && record.errors.length > 0) parts.push(`errors ${record.errors.join(', ')}`);
  if (typeof record.caller === 'string') parts.push(`by ${record.caller}`);
  return parts.join(' · ');
}

/** A destination for pino that writes each JSON record as one pretty line to `out`. */
export function prettyDestination(out: NodeJS.WriteStream): { write(line: string): void } {
  const prettify = prettyFactory({
    colorize: Boolean(out.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'hostname,service',
    singleLine: true,
  });
  return {
    write(line: string) {
      const record = JSON.parse(line) as LogRecord;
      const phrase = requestPhrase(record);
      if (phrase !== undefined) {
        for (const field of REQUEST_FIELDS) delete record[field];
        record.msg = phrase;
      }
      out.write(prettify(record));
    },
  };
}
