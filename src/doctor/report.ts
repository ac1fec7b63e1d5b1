// The doctor's report as a table for a terminal, or as JSON (--json) for a ticket or a script.
import type { DoctorReport, ProbeResult, UpstreamSummary } from './checks.js';

export function reportJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function reportTable(report: DoctorReport): string {
  const lines: string[] = [`mdmgraph doctor (${report.generatedAt}): read-only checks, nothing was changed`, ''];
  lines.push(...upstreamLines('EPMM', report.epmm));
  const spaces = report.epmm.deviceSpaces.map((space) => `${space.id} ${space.name}`).join(', ');
  lines.push(`  device spaces:  ${spaces || '(none)'}`);
  if (report.neurons) {
    lines.push(...upstreamLines('Neurons', report.neurons));
    const partitions = report.neurons.partitions.map(
      (p) => `${p.id} ${p.name}${p.defaultPartition ? ' (default)' : ''}`,
    );
    lines.push(`  partitions:     ${partitions.join(', ') || '(none)'}`);
  } else {
    lines.push('Neurons: not configured (NEURONS_URL / --neurons-url)');
  }
  lines.push('', ...routeTable(report.routes));
  const warned = report.routes.filter((route) => route.warnings.length > 0);
  if (warned.length) {
    lines.push('', 'Decode warnings (field paths the gateway repaired or dropped; values are never shown):');
    for (const route of warned) {
      for (const warning of route.warnings)
        lines.push(`  ${route.id} ${route.route}: ${warning.path} ${warning.kind} x${warning.count}`);
    }
  }
  if (report.unavailable.length) {
    lines.push('', 'The graph will answer an error instead of data for:');
    for (const item of report.unavailable) lines.push(`  ${item.field}: ${item.code} (${item.because})`);
  }
  lines.push('', 'Main screens:');
  for (const screen of report.screens) {
    lines.push(
      `  ${screen.screen.padEnd(20)} ${screen.ok ? 'ok' : `CANNOT BE SERVED: ${screen.blockedBy.join('; ')}`}`,
    );
  }
  lines.push('', report.ok ? 'Verdict: ready, the main screens can be served.' : 'Verdict: NOT ready (exit code 1).');
  return `${lines.join('\n')}\n`;
}

function upstreamLines(name: string, summary: UpstreamSummary): string[] {
  const expiry = summary.tls.validTo ? `, valid to ${summary.tls.validTo}` : '';
  const tls = summary.tls.used
    ? `${summary.tls.ok ? 'ok' : 'FAILED'}: ${summary.tls.detail}${expiry}`
    : summary.tls.detail;
  return [
    `${name}: ${summary.url}`,
    `  reachable:      ${summary.reachable ? 'yes' : 'NO'} (${summary.reachability})`,
    `  TLS:            ${tls}`,
    `  credentials:    ${summary.credentials} (${summary.admin})`,
  ];
}

function routeTable(routes: readonly ProbeResult[]): string[] {
  const header = ['ID', 'ROUTE', 'STATUS', 'HTTP', 'MS', 'WARN', 'NOTE'];
  const rows = routes.map((route) => [
    route.id,
    `${route.upstream === 'NEURONS' ? 'Neurons ' : ''}${route.route}`,
    route.status,
    route.httpStatus === null ? '-' : String(route.httpStatus),
    route.ms === null ? '-' : String(route.ms),
    String(route.warnings.reduce((sum, warning) => sum + warning.count, 0)),
    route.detail ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  // The last column is free text: not padded.
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
