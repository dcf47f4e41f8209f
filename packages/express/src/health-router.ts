import type { ResolutionReport } from '@secretref/core';
import { getSecretrefState } from './app-state.js';

export interface HealthRouterOptions {
  /** Path served, relative to where the router is mounted. Default `/health/secrets`. */
  path?: string;
}

/** The JSON body of the health route. Holds the report only, never a value. */
export interface SecretrefHealthBody {
  /** `ok`: every reference resolved (200). `degraded`: optional keys left unset; `failed`: resolution failed; `pending`: secretref() has not run (503). */
  status: 'ok' | 'degraded' | 'failed' | 'pending';
  report?: ResolutionReport;
}

interface RequestLike {
  method: string;
  path: string;
  app: { locals: Record<string, any> };
}

interface ResponseLike {
  status(code: number): unknown;
  set(field: string, value: string): unknown;
  json(body: unknown): unknown;
}

/**
 * A middleware for Express 4 and 5 serving the boot report of `app.locals.secretref` as JSON on
 * GET/HEAD `path`: 200 when every reference resolved, 503 otherwise. Other requests pass through.
 * `app.use(healthRouter())`, or `app.use('/health/secrets', healthRouter({ path: '/' }))`.
 */
export function healthRouter(options: HealthRouterOptions = {}): (req: RequestLike, res: ResponseLike, next: (error?: unknown) => void) => void {
  const path = options.path ?? '/health/secrets';
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`secretref: healthRouter path must start with "/", got ${JSON.stringify(path)}`);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== path) return next();
    const state = getSecretrefState(req.app);
    const body: SecretrefHealthBody = !state
      ? { status: 'pending' }
      : { status: state.healthy ? 'ok' : state.report.ok ? 'degraded' : 'failed', report: state.report };
    res.set('Cache-Control', 'no-store');
    res.status(body.status === 'ok' ? 200 : 503);
    res.json(body);
  };
}
