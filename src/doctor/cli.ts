// `mdmgraph doctor [--epmm-url URL] [--neurons-url URL] [--record DIR] [--json]`: the read-only pre-rollout
// check (checks.ts). URLs default to EPMM_URL / NEURONS_URL, credentials come from EPMM_USERNAME / EPMM_PASSWORD
// as in service mode (Neurons uses the same account). Exit code 0: ready; 1: a main screen cannot be served;
// 2: a usage or configuration error.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { InvalidBaseUrl, normaliseBaseUrl } from '../upstream/base-url.js';
import { runDoctor } from './checks.js';
import { Recorder } from './record.js';
import { reportJson, reportTable } from './report.js';

export const DOCTOR_USAGE = 'usage: mdmgraph doctor --epmm-url URL [--neurons-url URL] [--record DIR] [--json]';

export async function doctorCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'epmm-url': { type: 'string' },
      'neurons-url': { type: 'string' },
      record: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const flag = (name: 'epmm-url' | 'neurons-url') => {
    const value = values[name];
    if (value === undefined) return undefined;
    try {
      return normaliseBaseUrl(value);
    } catch (error) {
      if (error instanceof InvalidBaseUrl) throw new ConfigError(`--${name}: ${error.message}, got '${value}'`);
      throw error;
    }
  };
  const epmmFlag = flag('epmm-url');
  const neuronsFlag = flag('neurons-url');
  // The same settings, parsed and validated as the gateway's; the flags win over the environment.
  const config = loadConfig({
    ...env,
    ...(epmmFlag ? { EPMM_URL: epmmFlag } : {}),
    ...(neuronsFlag ? { NEURONS_URL: neuronsFlag } : {}),
  });
  if (!config.epmmUrl) throw new ConfigError(`EPMM_URL or --epmm-url is required\n${DOCTOR_USAGE}`);
  const { username, password } = config.auth.service;
  if (!username || !password)
    throw new ConfigError('EPMM_USERNAME and EPMM_PASSWORD are required: the account the doctor reads with');
  const recorder = values.record ? new Recorder(values.record) : undefined;
  const report = await runDoctor({
    epmmUrl: config.epmmUrl,
    ...(config.neuronsUrl && config.neuronsUrl !== 'off' ? { neuronsUrl: config.neuronsUrl } : {}),
    epmmCredentials: { username, password },
    timeoutMs: config.upstream.timeoutMs,
    ...(recorder
      ? { onAnswer: (upstream, probe, answer, status) => recorder.answer(upstream, probe, answer, status) }
      : {}),
  });
  recorder?.report(report);
  write(values.json ? reportJson(report) : reportTable(report));
  return report.ok ? 0 : 1;
}
