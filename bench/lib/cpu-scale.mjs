// CPU cost of parsing and planning, with no network: findReferences alone, and resolveEnv end to end
// with an in-memory client that answers every BatchGetSecretValue at once.
import { performance } from 'node:perf_hooks';
import { findReferences, resolveEnv } from '@secretref/core';
import { round, summarize } from './stats.mjs';

const ARN = (i) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:scale/a${i}-AbCdEf`;

/** n references in a fixed mix: 70% names, 10% JSON keys, 10% embedded `{{resolve:…}}`, 10% full ARNs. */
export function scaleEnv(n) {
  const env = {};
  for (let i = 0; i < n; i++) {
    const kind = i % 10;
    if (kind === 7) env[`K${i}`] = `secretsmanager:scale/j${i}:password`;
    else if (kind === 8) env[`K${i}`] = `postgres://app:{{resolve:secretsmanager:scale/e${i}:SecretString:password}}@db:5432/app`;
    else if (kind === 9) env[`K${i}`] = `secretsmanager:${ARN(i)}`;
    else env[`K${i}`] = `secretsmanager:scale/n${i}`;
  }
  return env;
}

/** Answers BatchGetSecretValue for any ids, in memory (JSON with a password key, which every form can read). */
function memoryClient() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    config: { region: async () => 'us-east-1' },
    async send(command) {
      calls++;
      const ids = command.input.SecretIdList;
      return {
        SecretValues: ids.map((id) => {
          const name = id.startsWith('arn:') ? id.split(':')[6] : id;
          return { ARN: id.startsWith('arn:') ? id : `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`, Name: name, SecretString: '{"password":"p"}', VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', VersionStages: ['AWSCURRENT'] };
        }),
        Errors: [],
      };
    },
    destroy() {},
  };
}

function timeFind(values) {
  const t0 = performance.now();
  let found = 0;
  for (const v of values) found += findReferences(v).length;
  const ms = performance.now() - t0;
  if (found !== values.length) throw new Error(`findReferences found ${found} of ${values.length}`);
  return ms;
}

async function timeResolve(env, n) {
  const client = memoryClient();
  const t0 = performance.now();
  const { report } = await resolveEnv(env, { client, concurrency: 5 });
  const ms = performance.now() - t0;
  if (report.resolvedReferences !== n) throw new Error(`resolveEnv resolved ${report.resolvedReferences} of ${n}`);
  if (client.calls !== Math.ceil(n / 20)) throw new Error(`resolveEnv made ${client.calls} calls for ${n} secrets`);
  return ms;
}

/** Median of `runs` (after a warm-up) per size; per-reference cost; growth between consecutive sizes. */
export async function measureCpuScale({ sizes, runs }) {
  const rows = [];
  for (const n of sizes) {
    const env = scaleEnv(n);
    const values = Object.values(env);
    timeFind(values);
    await timeResolve(env, n);
    const find = [];
    const resolve = [];
    for (let i = 0; i < runs; i++) {
      find.push(timeFind(values));
      resolve.push(await timeResolve(env, n));
    }
    const f = summarize(find);
    const r = summarize(resolve);
    rows.push({ n, findMs: f, resolveMs: r, findUsPerRef: round((f.median * 1000) / n, 2), resolveUsPerRef: round((r.median * 1000) / n, 2) });
  }
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (!prev) return;
    row.findGrowth = round(row.findMs.median / prev.findMs.median, 2);
    row.resolveGrowth = round(row.resolveMs.median / prev.resolveMs.median, 2);
    row.sizeGrowth = row.n / prev.n;
  });
  return rows;
}
