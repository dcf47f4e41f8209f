import { describe, expect, it } from 'vitest';
import { findReferences, InvalidReferenceError, parseReference } from '../src/index.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf';
const VID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa';

function invalid(fn: () => unknown): InvalidReferenceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidReferenceError);
    return e as InvalidReferenceError;
  }
  throw new Error('expected InvalidReferenceError');
}

describe('Function: parseReference (whole value, ECS valueFrom order)', () => {
  it.each([
    ['secretsmanager:prod/db', { secretId: 'prod/db' }],
    ['secretsmanager:prod/db:password', { secretId: 'prod/db', jsonKey: 'password' }],
    ['secretsmanager:prod/db::AWSPREVIOUS', { secretId: 'prod/db', versionStage: 'AWSPREVIOUS' }],
    ['secretsmanager:prod/db:password:AWSPENDING', { secretId: 'prod/db', jsonKey: 'password', versionStage: 'AWSPENDING' }],
    [`secretsmanager:prod/db:::${VID}`, { secretId: 'prod/db', versionId: VID }],
    ['secretsmanager:prod/db:::', { secretId: 'prod/db' }],
    ['secretsmanager:a_b+c=d.e@f-g', { secretId: 'a_b+c=d.e@f-g' }],
    [`secretsmanager:${ARN}`, { secretId: ARN, region: 'eu-west-1', accountId: '123456789012' }],
    [`secretsmanager:${ARN}:key`, { secretId: ARN, jsonKey: 'key', region: 'eu-west-1' }],
    ['secretsmanager:arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:partial', { secretId: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:partial', region: 'cn-north-1' }],
  ])('parses %s', (value, expected) => {
    const ref = parseReference(value);
    expect(ref).toMatchObject({ ...expected, form: 'value', raw: value });
    for (const k of ['jsonKey', 'versionStage', 'versionId'] as const) {
      if (!(k in expected)) expect(ref?.[k]).toBeUndefined();
    }
  });

  it('returns undefined for literals, including ones that merely contain the prefix', () => {
    expect(parseReference('hunter2')).toBeUndefined();
    expect(parseReference('x secretsmanager:prod/db')).toBeUndefined();
    expect(parseReference('SECRETSMANAGER:prod/db')).toBeUndefined();
  });

  it.each([
    ['secretsmanager:', 'secret-id', /the secret id is empty/],
    ['secretsmanager::key', 'secret-id', /the secret id is empty/],
    ['secretsmanager:my secret', 'secret-id', /contains a space/],
    ['secretsmanager:name\u0007x', 'secret-id', /control character U\+0007/],
    ['secretsmanager:a:b:c:d:e', 'segments', /has 4 segments after the secret id; at most 3/],
    ['secretsmanager:arn:aws:secretsmanager:us-east-1', 'secret-id', /needs 7 colon-separated fields .* found 4/],
    ['secretsmanager:arn:aws:s3:us-east-1:123456789012:secret:x', 'secret-id', /is not a Secrets Manager ARN \(service "s3"\)/],
    ['secretsmanager:arn:aws:secretsmanager:useast1:123456789012:secret:x', 'secret-id', /invalid region "useast1"/],
    ['secretsmanager:arn:aws:secretsmanager:us-east-1:12345:secret:x', 'secret-id', /invalid account id "12345"/],
    ['secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:parameter:x', 'secret-id', /resource type "parameter"/],
    ['secretsmanager:x:::not-a-version', 'version-id', /version-id "not-a-version" must be 32 to 64/],
    ['secretsmanager:x::AWS CURRENT', 'version-stage', /contains white space/],
    [`secretsmanager:${'n'.repeat(513)}`, 'secret-id', /longer than 512/],
  ])('rejects %s at segment %s', (value, segment, message) => {
    const e = invalid(() => parseReference(value));
    expect(e.segment).toBe(segment);
    expect(e.code).toBe('INVALID_REFERENCE');
    expect(e.message).toMatch(/^\[INVALID_REFERENCE\] /);
    expect(e.message).toMatch(message);
  });
});

describe('Function: findReferences (embedded, CloudFormation dynamic references)', () => {
  it('finds each reference with its offsets', () => {
    const value = 'postgres://{{resolve:secretsmanager:prod/db:SecretString:user}}:{{resolve:secretsmanager:prod/db::password}}@h/{{resolve:secretsmanager:db-name}}';
    const found = findReferences(value);
    expect(found.map((m) => [m.reference.secretId, m.reference.jsonKey, value.slice(m.start, m.end) === m.reference.raw])).toEqual([
      ['prod/db', 'user', true],
      ['prod/db', 'password', true],
      ['db-name', undefined, true],
    ]);
    expect(found.every((m) => m.reference.form === 'dynamic')).toBe(true);
  });

  it('parses stage and version id in the dynamic form', () => {
    const [m] = findReferences(`{{resolve:secretsmanager:${ARN}:SecretString:k:AWSPREVIOUS:${VID}}}`);
    expect(m?.reference).toMatchObject({ secretId: ARN, jsonKey: 'k', versionStage: 'AWSPREVIOUS', versionId: VID, region: 'eu-west-1' });
  });

  it('treats a whole-value reference as one match covering the value', () => {
    expect(findReferences('secretsmanager:a:b')).toEqual([{ reference: expect.objectContaining({ secretId: 'a', jsonKey: 'b' }), start: 0, end: 18 }]);
  });

  it('ignores other dynamic references and literals', () => {
    expect(findReferences('{{resolve:ssm:/param}} and text')).toEqual([]);
    expect(findReferences('plain')).toEqual([]);
  });

  it.each([
    ['x{{resolve:secretsmanager:a', 'syntax', /not closed with "}}"/],
    ['{{resolve:secretsmanager:a:SecretBinary}}', 'value-type', /must be "SecretString" or empty, got "SecretBinary"/],
    ['{{resolve:secretsmanager:a:SecretString:k:s:v:extra}}', 'segments', /at most 4/],
    ['{{resolve:secretsmanager:a {{resolve:secretsmanager:b}}', 'syntax', /contains "{{" before its closing/],
    ['{{resolve:secretsmanager:}}', 'secret-id', /secret id is empty/],
  ])('rejects %s at segment %s', (value, segment, message) => {
    const e = invalid(() => findReferences(value));
    expect(e.segment).toBe(segment);
    expect(e.message).toMatch(message);
  });

  it('does not echo text outside the reference in its messages', () => {
    const e = invalid(() => findReferences('user:literal-canary-PW@{{resolve:secretsmanager:bad name}}'));
    expect(e.message).not.toContain('literal-canary-PW');
  });
});
