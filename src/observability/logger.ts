// Structured logs (pino): JSON lines, or one short pretty line per record (LOG_FORMAT, src/observability/log-format.ts).
// Credentials are redacted by path as a second line of defence: the gateway never puts them in a log record in
// the first place.
import { pino, type Logger } from 'pino';
import type { LogFormat } from './log-format.js';
import { prettyDestination } from './pretty-log.js';

export type { Logger };

export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: { service: 'mdmgraph' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  return format === 'pretty' ? pino(options, prettyDestination(process.stdout)) : pino(options);
}
