// The resolver process of the CommonJS register hook: resolves, prints the report to stderr on
// failure, and writes the changes as JSON to fd 3. Not a public entry point.
import { writeSync } from 'node:fs';
import { computePreload } from './preload.js';

void computePreload(process.env, { stderr: process.stderr }).then((changes) => {
  if (!changes) {
    process.exitCode = 1;
    return;
  }
  writeSync(3, JSON.stringify(changes));
});
