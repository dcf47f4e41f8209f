/** A concurrency limiter: at most `max` functions run at once; the rest wait in FIFO order. */
export function createLimiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  const size = Math.max(1, Math.floor(max));
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active++;
        fn().then(resolve, reject).finally(next);
      };
      if (active < size) run();
      else queue.push(run);
    });
}

/**
 * One deadline for a whole resolution. `signal` aborts in-flight SDK requests; `expired` resolves
 * when the deadline passes (or the caller's signal aborts) so that nothing waits past it.
 */
export interface Deadline {
  signal: AbortSignal;
  expired: Promise<void>;
  readonly hit: boolean;
  /** True when the caller's signal ended the resolution (rather than the timeout). */
  readonly abortedByCaller: boolean;
  clear(): void;
}

export function createDeadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let hit = false;
  let byCaller = false;
  let onExpire!: () => void;
  const expired = new Promise<void>((resolve) => (onExpire = resolve));
  const expire = () => {
    if (hit) return;
    hit = true;
    controller.abort(new Error(`secretref deadline of ${timeoutMs} ms reached`));
    onExpire();
  };
  const timer = setTimeout(expire, timeoutMs);
  const onOuter = () => {
    if (!hit) byCaller = true;
    expire();
  };
  if (outer) {
    if (outer.aborted) onOuter();
    else outer.addEventListener('abort', onOuter, { once: true });
  }
  return {
    signal: controller.signal,
    expired,
    get hit() {
      return hit;
    },
    get abortedByCaller() {
      return byCaller;
    },
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
