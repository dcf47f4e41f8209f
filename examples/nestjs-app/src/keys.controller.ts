import { Controller, Get, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SecretrefService, type SecretrefHealth } from '@secretref/nestjs';

interface KeyView {
  key: string;
  from: string[];
  via: string[];
  value: string;
}

/** Which keys resolved, from where, values masked. Injected by type: needs emitDecoratorMetadata. */
@Controller()
export class KeysController {
  constructor(
    private readonly config: ConfigService,
    private readonly secretref: SecretrefService,
  ) {}

  @Get('keys')
  keys(): { status: SecretrefHealth['status']; keys: KeyView[] } {
    const byKey = new Map<string, KeyView>();
    for (const r of this.secretref.report.resolved) {
      const view = byKey.get(r.key) ?? { key: r.key, from: [], via: [], value: mask(this.config.get<string>(r.key)) };
      const stage = r.versionStages && !r.versionStages.includes('AWSCURRENT') ? ` @${r.versionStages.join(',')}` : '';
      view.from.push(`${r.secretId}${r.jsonKey ? `:${r.jsonKey}` : ''}${stage}`);
      if (!view.via.includes(r.via)) view.via.push(r.via);
      byKey.set(r.key, view);
    }
    return { status: this.secretref.health().status, keys: [...byKey.values()] };
  }

  @Get('health/secrets')
  health(@Res({ passthrough: true }) res: { status(code: number): unknown }): SecretrefHealth {
    const health = this.secretref.health();
    res.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}

function mask(value: string | undefined): string {
  return typeof value === 'string' && value.length > 0 ? '********' : '(unset)';
}
