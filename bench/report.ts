// The harness's output: markdown tables of the measured rows, the ratios that are the headline, and the
// issue's targets with met or missed.
export interface Row {
  scenario: string;
  latencyMs: number;
  concurrency: number;
  /** gateway warm | gateway cold | gateway off (baseline a) | direct (baseline b) | raw proxy (baseline c) */
  client: string;
  pending?: string;
  calls: number;
  /** Calls per operation by simulator route. */
  byRoute?: Record<string, number>;
  bytes: number;
  p50: number;
  p99: number;
  rounds: number;
  perSecond: number;
  cpuMsPerOp?: number;
  rssMb?: number;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);

export function rowsTable(rows: Row[]): string {
  return markdownTable(
    [
      'scenario',
      'upstream ms',
      'c',
      'client',
      'calls/op',
      'KB/op',
      'p50 ms',
      'p99 ms',
      'overhead p50 ms',
      'ops/s',
      'CPU ms/op',
      'RSS MB',
    ],
    rows.map((row) =>
      row.pending
        ? [
            row.scenario,
            String(row.latencyMs),
            String(row.concurrency),
            row.client,
            row.pending,
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ]
        : [
            row.scenario,
            String(row.latencyMs),
            String(row.concurrency),
            row.client,
            fixed(row.calls, 2),
            fixed(row.bytes / 1024, 1),
            fixed(row.p50, 1),
            fixed(row.p99, 1),
            // What the gateway (or client) adds to the dependent rounds' injected latency.
            fixed(row.p50 - row.rounds * row.latencyMs, 1),
            fixed(row.perSecond, 0),
            fixed(row.cpuMsPerOp, 2),
            fixed(row.rssMb, 0),
          ],
    ),
  );
}

function find(rows: Row[], scenario: string, client: string, latencyMs: number, concurrency: number): Row | undefined {
  return rows.find(
    (row) =>
      row.scenario === scenario &&
      row.client === client &&
      row.latencyMs === latencyMs &&
      row.concurrency === concurrency &&
      !row.pending,
  );
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;

/** Per scenario: calls and bytes against the direct client's (the minimum), and p50 against the direct client's. */
export function ratioTable(rows: Row[], scenarios: string[]): string {
  return markdownTable(
    [
      'scenario',
      'min calls',
      'cold calls',
      'warm calls',
      'off calls',
      'cold KB ÷ min',
      'p50 cold ÷ direct 0 ms c1',
      '20 ms c1',
      '0 ms c32',
      '20 ms c32',
      'p50 warm ÷ direct 20 ms c1',
    ],
    scenarios.map((scenario) => {
      const at = (client: string, latencyMs = 0, concurrency = 1) =>
        find(rows, scenario, client, latencyMs, concurrency);
      const direct = at('direct');
      const cold = at('gateway cold') ?? at('gateway warm');
      return [
        scenario,
        fixed(direct?.calls, 2),
        fixed(at('gateway cold')?.calls, 2),
        fixed(at('gateway warm')?.calls, 2),
        fixed(at('gateway off')?.calls, 2),
        ratio(cold?.bytes, direct?.bytes),
        ratio(cold?.p50, direct?.p50),
        ratio((at('gateway cold', 20) ?? at('gateway warm', 20))?.p50, at('direct', 20)?.p50),
        ratio((at('gateway cold', 0, 32) ?? at('gateway warm', 0, 32))?.p50, at('direct', 0, 32)?.p50),
        ratio((at('gateway cold', 20, 32) ?? at('gateway warm', 20, 32))?.p50, at('direct', 20, 32)?.p50),
        ratio(at('gateway warm', 20)?.p50, at('direct', 20)?.p50),
      ];
    }),
  );
}

export { find as findRow };
