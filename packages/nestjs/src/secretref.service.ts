import { Inject, Injectable } from '@nestjs/common';
import { formatReport, type FormatOptions, type ResolutionReport } from '@secretref/core';
import { SECRETREF_REPORT } from './secretref.constants.js';

/** Body of a secrets health check. Holds no secret value. */
export interface SecretrefHealth {
  /** `ok` when every reference resolved; `degraded` when optional keys were left unset. */
  status: 'ok' | 'degraded';
  report: ResolutionReport;
}

/** The boot report, injectable for health checks and diagnostics. Never holds a secret value. */
@Injectable()
export class SecretrefService {
  constructor(@Inject(SECRETREF_REPORT) private readonly bootReport: ResolutionReport) {}

  /** What the boot resolution did: ids, ARNs, version ids, counts, warnings. */
  get report(): ResolutionReport {
    return this.bootReport;
  }

  /** True when every reference resolved: no issue, no optional key left unset. */
  get healthy(): boolean {
    const r = this.bootReport;
    return r.ok && r.issues.length === 0 && r.resolvedReferences === r.references;
  }

  health(): SecretrefHealth {
    return { status: this.healthy ? 'ok' : 'degraded', report: this.bootReport };
  }

  /** The human boot report, as logged at startup. */
  format(options?: FormatOptions): string {
    return formatReport(this.bootReport, options);
  }
}
