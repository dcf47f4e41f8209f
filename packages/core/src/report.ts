import type { SecretIssue, SecretWarning } from './codes.js';

/** Where one resolved key's value came from. Never the value. */
export interface ResolvedEntry {
  /** Env name or config path. */
  key: string;
  /** The secret id as written in the reference. */
  secretId: string;
  jsonKey?: string;
  region?: string;
  arn?: string;
  name?: string;
  versionId?: string;
  versionStages?: string[];
  /** How the secret was read. */
  via: 'BatchGetSecretValue' | 'GetSecretValue';
}

/**
 * What a resolution did. Safe to log, serialise and serve: it holds ids, ARNs, version ids,
 * counts and issues, never a secret value.
 */
export interface ResolutionReport {
  ok: boolean;
  /** Reference occurrences found (a value with two `{{resolve:…}}` counts two). */
  references: number;
  /** Reference occurrences replaced by a value. */
  resolvedReferences: number;
  /** Keys (env names or config paths) whose value held at least one reference. */
  keys: number;
  /** Distinct secret versions fetched or attempted (three JSON keys of one secret count one). */
  secrets: number;
  /** API calls made, by operation (SDK retries of one call are not counted again). */
  calls: { BatchGetSecretValue: number; GetSecretValue: number };
  regions: string[];
  durationMs: number;
  /** One entry per resolved reference occurrence. */
  resolved: ResolvedEntry[];
  issues: SecretIssue[];
  warnings: SecretWarning[];
}

export interface FormatOptions {
  /** Also list every resolved key with a ✓ line (default false: the header, issues and warnings). */
  showResolved?: boolean;
}

/** The human boot report (what the adapters print). Contains no secret value. */
export function formatReport(report: ResolutionReport, options: FormatOptions = {}): string {
  const lines = [header(report)];
  const rows: Row[] = [];
  for (const issue of report.issues) rows.push(row('✗', issue.keys, target(issue.secretId, issue.jsonKey), issue));
  for (const w of report.warnings) rows.push(row('!', w.keys, target(w.secretId), w));
  if (options.showResolved) {
    for (const r of report.resolved) {
      rows.push({ mark: '✓', keys: r.key, target: target(r.secretId, r.jsonKey), code: r.via, short: r.versionId ? `version ${r.versionId}` : '' });
    }
  }
  const w1 = Math.min(40, Math.max(0, ...rows.map((r) => r.keys.length)));
  const w2 = Math.min(48, Math.max(0, ...rows.map((r) => r.target.length)));
  const w3 = Math.max(0, ...rows.map((r) => r.code.length));
  const seenHints = new Set<string>();
  for (const r of rows) {
    lines.push(`  ${r.mark} ${r.keys.padEnd(w1)}  ${r.target.padEnd(w2)}  ${r.code.padEnd(w3)}  ${r.short}`.trimEnd());
    if (r.message) for (const m of r.message.split('\n')) lines.push(`      ${m}`);
    // The same hint for many secrets (one missing batch grant) is printed once.
    if (r.hint && !seenHints.has(r.hint)) {
      seenHints.add(r.hint);
      for (const h of r.hint.split('\n')) lines.push(`      ${h}`);
    }
  }
  return lines.join('\n');
}

function header(r: ResolutionReport): string {
  const calls = Object.entries(r.calls)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n} ${op}`)
    .join(' + ');
  const parts = [
    `${r.resolvedReferences} of ${r.references} reference${r.references === 1 ? '' : 's'} resolved`,
    `${r.secrets} secret${r.secrets === 1 ? '' : 's'}`,
    calls || 'no API calls',
  ];
  if (r.regions.length) parts.push(r.regions.join(', '));
  parts.push(`${Math.round(r.durationMs)} ms`);
  return `secretref: ${parts.join(' · ')}`;
}

function target(secretId: string | undefined, jsonKey?: string): string {
  if (!secretId) return '-';
  return jsonKey ? `${secretId}:${jsonKey}` : secretId;
}

interface Row {
  mark: string;
  keys: string;
  target: string;
  code: string;
  short: string;
  message?: string;
  hint?: string;
}

/** The row shows the AWS error code when there is one (its message below), else the message itself. */
function row(mark: string, keys: string[], tgt: string, i: SecretIssue | SecretWarning): Row {
  const shown = keys.length > 4 ? `${keys.slice(0, 3).join(', ')} (+${keys.length - 3} more)` : keys.join(', ');
  const r: Row = { mark, keys: shown || '-', target: tgt, code: i.code, short: i.awsErrorCode ?? i.message };
  if (i.awsErrorCode) r.message = i.message;
  if (i.hint) r.hint = i.hint;
  return r;
}
