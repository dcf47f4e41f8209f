import fc from 'fast-check';

/**
 * Arbitraries for the reference grammar in the README:
 *   secretsmanager:<secret-id>[:<json-key>[:<version-stage>[:<version-id>]]]
 *   {{resolve:secretsmanager:<secret-id>[:SecretString[:<json-key>[:<version-stage>[:<version-id>]]]]}}
 */

export interface Parts {
  secretId: string;
  /** Set for ARN ids. */
  region?: string;
  accountId?: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

const NAME_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-'];

/** 1–80 characters of [A-Za-z0-9/_+=.@-]; "arn" alone is the ARN marker, not a name. */
export const secretName = fc
  .string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 80 })
  .filter((s) => s !== 'arn');

/** Names at the 512-character limit. */
export const longSecretName = fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 500, maxLength: 512 }).filter((s) => s !== 'arn');

const region = fc.oneof(
  fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'eu-isoe-west-1'),
  fc.stringMatching(/^[a-z]{2}(-[a-z]{1,10}){1,2}-[1-9]$/),
);
const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b');
const account = fc.stringMatching(/^\d{12}$/);
const suffix = fc.option(fc.stringMatching(/^-[A-Za-z0-9]{6}$/), { nil: '' });

/** A full or partial ARN id with its region and account. */
export const arnId = fc.record({ partition, region, account, name: secretName, suffix }).map(({ partition: p, region: r, account: a, name, suffix: s }) => ({
  secretId: `arn:${p}:secretsmanager:${r}:${a}:secret:${name}${s}`,
  region: r,
  accountId: a,
}));

export const secretId = fc.oneof(
  { weight: 3, arbitrary: secretName.map((secretId) => ({ secretId })) },
  { weight: 2, arbitrary: arnId },
);

/** Printable ASCII, space, a few non-ASCII letters and an emoji; minus the characters `without`. */
function textUnit(without: string) {
  const chars = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), 'é', 'ß', 'Ж', '日', '😀'];
  return fc.constantFrom(...chars.filter((c) => !without.includes(c)));
}

/**
 * In the dynamic form a segment cannot hold "{{": the parser rejects it as an unclosed nested
 * reference (the README's grammar does not say so yet).
 */
const dynamicSafe = (form: 'value' | 'dynamic') => (s: string) => form === 'value' || !s.includes('{{');

/** JSON keys: anything without ':' (and without '}' or "{{" in the dynamic form). */
export const jsonKey = (form: 'value' | 'dynamic') =>
  fc.string({ unit: textUnit(form === 'value' ? ':' : ':}'), minLength: 1, maxLength: 40 }).filter(dynamicSafe(form));

/** Staging labels: 1–40 characters without white space (nor ':', nor '}' or "{{" in the dynamic form). */
export const versionStage = (form: 'value' | 'dynamic') =>
  fc.oneof(
    fc.constantFrom('AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING'),
    fc.string({ unit: textUnit(form === 'value' ? ': ' : ': }'), minLength: 1, maxLength: 40 }).filter(dynamicSafe(form)),
  );

/** Version ids: 32–64 of [A-Za-z0-9-]. */
export const versionId = fc.stringMatching(/^[A-Za-z0-9-]{32,64}$/);

/** Parts of a reference; each trailing segment present or not. */
export const parts = (form: 'value' | 'dynamic', id = secretId) =>
  fc
    .record({
      id,
      jsonKey: fc.option(jsonKey(form), { nil: undefined }),
      versionStage: fc.option(versionStage(form), { nil: undefined }),
      versionId: fc.option(versionId, { nil: undefined }),
    })
    .map(({ id: i, ...rest }): Parts => {
      const p: Parts = { ...i };
      if (rest.jsonKey !== undefined) p.jsonKey = rest.jsonKey;
      if (rest.versionStage !== undefined) p.versionStage = rest.versionStage;
      if (rest.versionId !== undefined) p.versionId = rest.versionId;
      return p;
    });

/** Segments after the id, with as many trailing empty segments as `keepEmpty` asks (0–3). */
function segments(p: Parts, keepEmpty: number): string[] {
  const segs = [p.jsonKey ?? '', p.versionStage ?? '', p.versionId ?? ''];
  let last = segs.length;
  while (last > 0 && segs[last - 1] === '') last--;
  return segs.slice(0, Math.min(segs.length, last + keepEmpty));
}

export function valueText(p: Parts, keepEmpty: number): string {
  return ['secretsmanager:' + p.secretId, ...segments(p, keepEmpty)].join(':');
}

export function dynamicText(p: Parts, keepEmpty: number, valueType: '' | 'SecretString'): string {
  const segs = segments(p, keepEmpty);
  const all = segs.length || valueType ? [valueType, ...segs] : [];
  return `{{resolve:secretsmanager:${[p.secretId, ...all].join(':')}}}`;
}

/** Text around embedded references: no '{' so it cannot open another reference. */
export const filler = fc.string({ unit: textUnit('{'), maxLength: 20 });
