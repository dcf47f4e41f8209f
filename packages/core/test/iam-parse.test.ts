import { describe, expect, it } from 'vitest';
import { PolicyParseError, parsePolicy } from '../src/iam/index.js';

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parsePolicy(input);
  } catch (error) {
    if (PolicyParseError.isInstance(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected parsePolicy to throw');
}

const ok = { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' };

describe('Function: parsePolicy', () => {
  it('normalises strings to lists and keeps Sid, Effect and Condition', () => {
    const policy = parsePolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: { Sid: 'A1', Effect: 'Deny', NotAction: 'kms:*', NotResource: 'arn:aws:kms:*:*:key/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    }));

    expect(policy.version).toBe('2012-10-17');
    expect(policy.statements).toEqual([{
      index: 0, sid: 'A1', effect: 'Deny', notActions: ['kms:*'], notResources: ['arn:aws:kms:*:*:key/*'],
      condition: { Bool: { 'aws:SecureTransport': 'false' } }, usesPolicyVariables: false,
    }]);
  });

  const malformed: Array<{ name: string; input: unknown; path: string; message: RegExp }> = [
    { name: 'invalid JSON text', input: '{"Statement": [', path: '', message: /not valid JSON/ },
    { name: 'a non-object document', input: [ok], path: '', message: /must be a JSON object, got an array/ },
    { name: 'missing Statement', input: { Version: '2012-10-17' }, path: 'Statement', message: /is required/ },
    { name: 'an empty Statement list', input: { Statement: [] }, path: 'Statement', message: /at least one/ },
    { name: 'an unknown Version', input: { Version: '2020-01-01', Statement: [ok] }, path: 'Version', message: /2012-10-17/ },
    { name: 'an unknown top-level element', input: { Statements: [ok], Statement: [ok] }, path: 'Statements', message: /unknown element/ },
    { name: 'a lower-case Effect', input: { Statement: [{ ...ok, Effect: 'allow' }] }, path: 'Statement[0].Effect', message: /"Allow" or "Deny", got "allow"/ },
    { name: 'a missing Effect', input: { Statement: [{ Action: '*', Resource: '*' }] }, path: 'Statement[0].Effect', message: /"Allow" or "Deny"/ },
    { name: 'neither Action nor NotAction', input: { Statement: [{ Effect: 'Allow', Resource: '*' }] }, path: 'Statement[0]', message: /Action or NotAction/ },
    { name: 'both Action and NotAction', input: { Statement: [{ ...ok, NotAction: 'kms:*' }] }, path: 'Statement[0]', message: /both Action and NotAction/ },
    { name: 'neither Resource nor NotResource', input: { Statement: [{ Effect: 'Allow', Action: '*' }] }, path: 'Statement[0]', message: /Resource or NotResource/ },
    { name: 'both Resource and NotResource', input: { Statement: [{ ...ok, NotResource: '*' }] }, path: 'Statement[0]', message: /both Resource and NotResource/ },
    { name: 'an action without a service prefix', input: { Statement: [{ ...ok, Action: ['GetSecretValue'] }] }, path: 'Statement[0].Action[0]', message: /not a valid action/ },
    { name: 'a resource that is not an ARN', input: { Statement: [{ ...ok, Resource: 'prod/db' }] }, path: 'Statement[0].Resource[0]', message: /must be "\*" or an ARN/ },
    { name: 'a wildcard in the service segment', input: { Statement: [{ ...ok, Resource: 'arn:aws:secrets*:us-east-1:1:secret:x' }] }, path: 'Statement[0].Resource[0]', message: /service segment/ },
    { name: 'an empty Action list', input: { Statement: [{ ...ok, Action: [] }] }, path: 'Statement[0].Action', message: /empty list/ },
    { name: 'a number in a Resource list', input: { Statement: [{ ...ok, Resource: ['*', 7] }] }, path: 'Statement[0].Resource[1]', message: /must be a string, got a number/ },
    { name: 'a typo in an element name', input: { Statement: [{ Effect: 'Allow', Action: '*', Resources: '*' }] }, path: 'Statement[0].Resources', message: /unknown element/ },
    { name: 'a Principal in an identity policy', input: { Statement: [{ ...ok, Principal: '*' }] }, path: 'Statement[0].Principal', message: /principal/ },
    { name: 'a Condition that is not an object', input: { Statement: [{ ...ok, Condition: 'x' }] }, path: 'Statement[0].Condition', message: /object of condition operators/ },
    { name: 'a Condition operator that is not an object', input: { Statement: [{ ...ok, Condition: { StringEquals: 'x' } }] }, path: 'Statement[0].Condition.StringEquals', message: /object of condition keys/ },
    { name: 'a Sid with punctuation', input: { Statement: [{ ...ok, Sid: 'read-db' }] }, path: 'Statement[0].Sid', message: /letters and digits/ },
    { name: 'duplicate Sids', input: { Statement: [{ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }] }, path: 'Statement[1].Sid', message: /duplicate Sid/ },
    { name: 'a non-object statement', input: { Statement: ['Allow'] }, path: 'Statement[0]', message: /must be an object, got a string/ },
  ];

  it.each(malformed)('rejects $name', ({ input, path, message }) => {
    const issues = issuesOf(input);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every problem at once, with the code at the front of the message', () => {
    const input = { Statement: [{ Effect: 'Permit', Action: 'x', Resource: 'y' }, { Effect: 'Allow' }] };

    let thrown: unknown;
    try {
      parsePolicy(input);
    } catch (error) {
      thrown = error;
    }

    expect(PolicyParseError.isInstance(thrown)).toBe(true);
    const error = thrown as PolicyParseError;
    expect(error.code).toBe('MALFORMED_POLICY');
    expect(error.issues.map((i) => i.path)).toEqual([
      'Statement[0].Effect', 'Statement[0].Action[0]', 'Statement[0].Resource[0]', 'Statement[1]', 'Statement[1]',
    ]);
    expect(error.message).toMatch(/^\[MALFORMED_POLICY\] The policy document has 5 problems:\n {2}- Statement\[0\]\.Effect: /);
  });

  it('accepts a single statement object and the legacy 2008-10-17 version', () => {
    const policy = parsePolicy({ Version: '2008-10-17', Statement: ok });
    expect(policy.statements).toHaveLength(1);
  });
});
