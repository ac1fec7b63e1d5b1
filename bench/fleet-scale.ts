// `npm run bench:scale [-- --devices N]`: the 100,000-device fleet through the gateway (issue 7 "Scale"). Pages
// through every device of the connection 200 at a time and samples the gateway's live heap (after a full GC)
// and RSS along the way, to show its memory stays flat; then runs fleet-wide filters and reports their time and
// upstream calls. The simulator and the gateway run in their own processes, as in `npm run bench`.
import os from 'node:os';
import { basicAuthorization } from '../src/auth/credentials.js';
import { pinLoadGenerator, pinning, startChild } from './processes.js';

const devicesArg = process.argv.indexOf('--devices');
const DEVICES = devicesArg > 0 ? Number(process.argv[devicesArg + 1]) : 100_000;
const PAGE = 200;
const AUTH = basicAuthorization('miadmin', 'miadmin');
const PAGE_QUERY = `query($after: String) { devices(first: ${PAGE}, after: $after, source: EPMM) { totalCount pageInfo { hasNextPage endCursor } nodes { id name platform status model lastCheckInAt user { displayName email } } } }`;
const FILTERS: Array<[string, string]> = [
  ['non-compliant Android', '{ platform: [ANDROID], compliant: false }'],
  ['retired or wiped', '{ status: [RETIRED, WIPED] }'],
  ['free text "iPhone"', '{ search: "iPhone" }'],
];

interface PageData {
  devices: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] };
}

async function main(): Promise<void> {
  pinLoadGenerator();
  const simulator = await startChild('./simulator-process.ts', {
    env: { SIM_DEVICES: String(DEVICES), SIM_SEED: '1' },
    measured: false,
  });
  const gateway = await startChild('./gateway-process.ts', {
    env: { BENCH_SIMULATOR_URL: simulator.url, NODE_ENV: 'production', MAX_PAGE_SIZE: String(PAGE) },
    measured: true,
    execArgv: ['--expose-gc'],
  });
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: AUTH },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors) throw new Error(body.errors.map((error) => error.message).join('; '));
    return body.data as T;
  };
  try {
    const samples: Array<{ page: number; seen: number; heapMiB: number; rssMiB: number }> = [];
    const sample = async (page: number, seen: number) => {
      const heap = await gateway.ask<number>('heap');
      const { rssBytes } = await gateway.usage();
      samples.push({ page, seen, heapMiB: heap / 2 ** 20, rssMiB: rssBytes / 2 ** 20 });
    };
    await sample(0, 0);
    await simulator.ask('reset');
    const started = performance.now();
    let after: string | null = null;
    let seen = 0;
    let page = 0;
    let totalCount = 0;
    const every = Math.max(1, Math.floor(DEVICES / PAGE / 10));
    for (;;) {
      const data: PageData = await gql<PageData>(PAGE_QUERY, { after });
      totalCount = data.devices.totalCount;
      seen += data.devices.nodes.length;
      page += 1;
      if (page % every === 0) await sample(page, seen);
      if (!data.devices.pageInfo.hasNextPage) break;
      after = data.devices.pageInfo.endCursor;
    }
    const scanMs = performance.now() - started;
    await sample(page, seen);
    const scanCalls = (await simulator.ask<{ total: number }>('stats')).total;

    const filterRows: string[] = [];
    for (const [name, filter] of FILTERS) {
      await simulator.ask('reset');
      const t0 = performance.now();
      const data = await gql<{ devices: { totalCount: number } }>(
        `{ devices(first: ${PAGE}, filter: ${filter}, source: EPMM) { totalCount nodes { id } } }`,
      );
      const ms = performance.now() - t0;
      const calls = (await simulator.ask<{ total: number }>('stats')).total;
      filterRows.push(`| ${name} | ${data.devices.totalCount} | ${calls} | ${ms.toFixed(0)} |`);
    }

    const first = samples[1] ?? samples[0];
    const last = samples[samples.length - 1];
    console.log(`# mdmgraph fleet scale — ${new Date().toISOString()}\n`);
    console.log(
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${pinning}.`,
    );
    console.log(
      `Simulator: ${DEVICES} devices, seed 1. Gateway: default configuration (cache on, projection on), NODE_ENV=production.\n`,
    );
    console.log(`## Paging through every device (${PAGE} per page)\n`);
    console.log(
      `${seen} of ${totalCount} devices in ${page} pages, ${scanCalls} upstream calls, ${(scanMs / 1000).toFixed(1)} s (${(scanMs / page).toFixed(1)} ms per page).\n`,
    );
    console.log('| after page | devices seen | gateway live heap MiB (after GC) | gateway RSS MiB |');
    console.log('|---|---|---|---|');
    for (const s of samples)
      console.log(`| ${s.page} | ${s.seen} | ${s.heapMiB.toFixed(1)} | ${s.rssMiB.toFixed(0)} |`);
    console.log(
      `\nLive heap from the first sample to the end: ${first.heapMiB.toFixed(1)} → ${last.heapMiB.toFixed(1)} MiB (the shared cache is bounded by CACHE_MAX_ENTRIES / CACHE_MAX_BYTES).\n`,
    );
    console.log('## Fleet-wide filters (first page)\n');
    console.log('| filter | totalCount | upstream calls | ms |');
    console.log('|---|---|---|---|');
    for (const row of filterRows) console.log(row);
    if (seen !== totalCount) throw new Error(`paged ${seen} devices but totalCount is ${totalCount}`);
  } finally {
    await gateway.close();
    await simulator.close();
  }
}

await main();
