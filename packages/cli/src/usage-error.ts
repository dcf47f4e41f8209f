/** A bad invocation: the CLI prints the message (and the command's usage) on stderr and exits 2. */
export class UsageError extends Error {
  /** False when the usage text would not help (an env file that does not exist): the message is printed alone. */
  readonly showUsage: boolean;

  constructor(message: string, showUsage = true) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = showUsage;
  }
}
