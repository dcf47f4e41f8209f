export { main, USAGE } from './main.js';
export { EXIT } from './io.js';
export type { CliIO, CliExit } from './io.js';
export { COMMANDS } from './commands/index.js';
export type { Command } from './commands/index.js';
export { UsageError } from './usage-error.js';
export { formatCheckTable } from './check-table.js';
export { VERSION } from './version.js';
