/**
 * Records unhandled promise rejections while a suite runs (install in beforeAll, uninstall in
 * afterAll); `settle()` lets pending rejections surface before a check.
 */
export function trackUnhandledRejections(): { seen: unknown[]; install(): void; uninstall(): void; settle(): Promise<void> } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  return {
    seen,
    install: () => void process.on('unhandledRejection', listener),
    uninstall: () => void process.off('unhandledRejection', listener),
    settle: async () => {
      for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
    },
  };
}
