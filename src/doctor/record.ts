// `doctor --record DIR`: each upstream answer as one JSON file, personal data masked (mask.ts), so that it can be
// attached to a bug report and replayed as a test fixture. Credentials are never written: only the route, its
// (masked) parameters, the status and the (masked) body.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorReport } from './checks.js';
import { Masker } from './mask.js';
import type { Answer } from './upstream.js';

export interface RecordedAnswer {
  upstream: 'EPMM' | 'NEURONS';
  probe: string;
  method: string;
  /** The route pattern, as in the gateway's route tables (no base URL, no prefix). */
  route: string;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
}

export class Recorder {
  private readonly masker = new Masker();
  private count = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  answer(upstream: 'EPMM' | 'NEURONS', probe: string, answer: Answer, status: number): void {
    const { request } = answer;
    const pathParams = Object.fromEntries(
      Object.entries(request.pathParams ?? {}).map(([name, value]) => [name, this.masker.param(name, value)]),
    );
    const query = Object.fromEntries(
      Object.entries(request.query ?? {})
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [
          name,
          Array.isArray(value)
            ? value.map((item: string) => this.masker.param(name, item))
            : this.masker.param(name, String(value)),
        ]),
    );
    const recorded: RecordedAnswer = {
      upstream,
      probe,
      method: request.route.method,
      route: request.route.path,
      pathParams,
      query,
      status,
      body: this.masker.json(answer.body),
    };
    this.count += 1;
    const file = `${String(this.count).padStart(2, '0')}-${upstream.toLowerCase()}-${probe}.json`;
    writeFileSync(join(this.dir, file), `${JSON.stringify(recorded, null, 2)}\n`);
  }

  /** The report itself, with the administrator's login masked like the rest. */
  report(report: DoctorReport): void {
    const masked = {
      ...report,
      epmm: { ...report.epmm, admin: this.masker.value(report.epmm.admin, 'name') },
      neurons: report.neurons && { ...report.neurons, admin: this.masker.value(report.neurons.admin, 'name') },
    };
    writeFileSync(join(this.dir, 'report.json'), `${JSON.stringify(this.masker.json(masked), null, 2)}\n`);
  }
}
