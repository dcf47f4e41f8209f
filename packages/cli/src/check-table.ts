import { formatReport, type ResolutionReport } from '@secretref/core';

interface Row {
  mark: '✓' | '✗' | '!';
  key: string;
  target: string;
  code: string;
  detail: string;
  notes: string[];
}

/**
 * The `check` table: the report's header, then one row per variable and reference (✓ resolved,
 * ✗ failed, ! warning), sorted by variable, with each issue's message and fix under its first row.
 * Holds no value: only names, secret ids, codes and messages from the report.
 */
export function formatCheckTable(report: ResolutionReport): string {
  const rows: Row[] = [];
  for (const r of report.resolved) rows.push({ mark: '✓', key: r.key, target: target(r.secretId, r.jsonKey), code: r.via, detail: r.versionId ? `version ${r.versionId}` : '', notes: [] });
  const seenHints = new Set<string>();
  const problems = [...report.issues.map((i) => ['✗', i] as const), ...report.warnings.map((w) => ['!', w] as const)];
  for (const [mark, p] of problems) {
    const notes: string[] = [];
    if (p.awsErrorCode) notes.push(...p.message.split('\n'));
    if (p.hint && !seenHints.has(p.hint)) {
      seenHints.add(p.hint);
      notes.push(...p.hint.split('\n'));
    }
    const jsonKey = 'jsonKey' in p ? p.jsonKey : undefined;
    const keys = p.keys.length ? p.keys : ['-'];
    keys.forEach((key, i) => rows.push({ mark, key, target: target(p.secretId, jsonKey), code: p.code, detail: p.awsErrorCode ?? p.message, notes: i === 0 ? notes : [] }));
  }
  const order = { '✗': 0, '!': 1, '✓': 2 };
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : order[a.mark] - order[b.mark]));
  const w1 = Math.max(0, ...rows.map((r) => r.key.length));
  const w2 = Math.max(0, ...rows.map((r) => r.target.length));
  const w3 = Math.max(0, ...rows.map((r) => r.code.length));
  const lines = [formatReport({ ...report, issues: [], warnings: [] })];
  for (const r of rows) {
    lines.push(`  ${r.mark} ${r.key.padEnd(w1)}  ${r.target.padEnd(w2)}  ${r.code.padEnd(w3)}  ${r.detail}`.trimEnd());
    for (const n of r.notes) lines.push(`      ${n}`);
  }
  if (!rows.length) lines.push('  no references found');
  return lines.join('\n');
}

function target(secretId: string | undefined, jsonKey?: string): string {
  if (!secretId) return '-';
  return jsonKey ? `${secretId}:${jsonKey}` : secretId;
}
