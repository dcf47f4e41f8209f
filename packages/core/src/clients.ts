import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { VERSION } from './version.js';

export interface ClientOptions {
  client?: SecretsManagerClient | undefined;
  clientConfig?: SecretsManagerClientConfig | undefined;
  region?: string | undefined;
}

/**
 * One client per region, reused for every call in that region. A client passed by the user serves
 * its own region; other regions get clients with its credentials, endpoint and retry settings.
 * Clients created here are destroyed by `destroy()`; the user's client is left alone.
 */
export class RegionalClients {
  private readonly clients = new Map<string, SecretsManagerClient>();
  private readonly owned: SecretsManagerClient[] = [];
  private probe: SecretsManagerClient | undefined;

  constructor(private readonly options: ClientOptions) {}

  /** The region for references by name: option, the client's region, or the SDK's chain (AWS_REGION, profile). */
  async defaultRegion(): Promise<string | undefined> {
    const base = this.options.client ?? (this.probe ??= this.own(new SecretsManagerClient(withUserAgent({ ...this.options.clientConfig }))));
    let baseRegion: string | undefined;
    try {
      const region = await base.config.region();
      if (typeof region === 'string' && region) baseRegion = region;
    } catch {
      // "Region is missing": the caller reports NO_REGION for the references that need one.
    }
    if (baseRegion && !this.clients.has(baseRegion)) this.clients.set(baseRegion, base);
    return this.options.region || baseRegion;
  }

  clientFor(region: string): SecretsManagerClient {
    let client = this.clients.get(region);
    if (!client) {
      client = this.own(new SecretsManagerClient(withUserAgent(this.configFor(region))));
      this.clients.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const c of this.owned) c.destroy();
    this.owned.length = 0;
    this.clients.clear();
  }

  private configFor(region: string): SecretsManagerClientConfig {
    const user = this.options.client;
    if (!user) return { ...this.options.clientConfig, region };
    const c = user.config;
    const config: SecretsManagerClientConfig = {
      ...this.options.clientConfig,
      region,
      credentials: c.credentials,
      maxAttempts: c.maxAttempts,
      retryMode: c.retryMode,
      requestHandler: c.requestHandler,
    };
    if (c.isCustomEndpoint && c.endpoint) config.endpoint = c.endpoint;
    return config;
  }

  private own(client: SecretsManagerClient): SecretsManagerClient {
    this.owned.push(client);
    return client;
  }
}

/** Clients secretref creates say so in their user agent (`secretref/<version>`), after any the user set. */
function withUserAgent(config: SecretsManagerClientConfig): SecretsManagerClientConfig {
  const ua = config.customUserAgent;
  const ours: [string, string] = ['secretref', VERSION];
  if (ua === undefined) return { ...config, customUserAgent: [ours] };
  if (typeof ua === 'string') return { ...config, customUserAgent: `${ua} secretref/${VERSION}` };
  return { ...config, customUserAgent: [...ua, ours] };
}
