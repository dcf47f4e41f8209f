/**
 * Describes a JSON.parse failure without quoting the input (V8 messages can embed a snippet of
 * the text, which may hold a secret value).
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) {
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    const column = Number(position) - before.lastIndexOf('\n');
    return `not valid JSON (syntax error at line ${line}, column ${column})`;
  }
  if (/Unexpected end of JSON input/.test(message)) return 'not valid JSON (unexpected end of input)';
  return 'not valid JSON';
}
