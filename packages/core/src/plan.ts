import type { SecretReference } from './grammar.js';

/** One place a reference occurs: a key (env name or config path) and the parsed reference. */
export interface Occurrence {
  key: string;
  reference: SecretReference;
}

/** One secret version to fetch. Several occurrences (different JSON keys, keys) share one target. */
export interface FetchTarget {
  /** Dedupe key: region, secret id and pin. */
  id: string;
  secretId: string;
  /** Region to call; undefined when no default region could be determined. */
  region: string | undefined;
  versionStage?: string;
  versionId?: string;
  occurrences: Occurrence[];
}

export interface RegionPlan {
  region: string | undefined;
  /** Current-version targets, chunked for BatchGetSecretValue (≤ 20 ids each). */
  batches: FetchTarget[][];
  /** Pinned targets (stage or version id): one GetSecretValue each. */
  pinned: FetchTarget[];
}

export interface FetchPlan {
  targets: FetchTarget[];
  regions: RegionPlan[];
}

/** BatchGetSecretValue accepts at most 20 ids in SecretIdList. */
export const BATCH_LIMIT = 20;

/**
 * Groups occurrences into fetch targets: one per (region, secret id, pin), so three JSON keys of
 * one secret plus the whole secret are a single fetch. Unpinned targets are chunked per region.
 */
export function planFetch(occurrences: Occurrence[], defaultRegion: string | undefined, batchSize = BATCH_LIMIT): FetchPlan {
  const byId = new Map<string, FetchTarget>();
  for (const occ of occurrences) {
    const ref = occ.reference;
    const region = ref.region ?? defaultRegion;
    const pin = `${ref.versionStage ?? ''}|${ref.versionId ?? ''}`;
    const id = `${region ?? ''}\u0000${ref.secretId}\u0000${pin}`;
    let target = byId.get(id);
    if (!target) {
      target = { id, secretId: ref.secretId, region, occurrences: [] };
      if (ref.versionStage) target.versionStage = ref.versionStage;
      if (ref.versionId) target.versionId = ref.versionId;
      byId.set(id, target);
    }
    target.occurrences.push(occ);
  }
  const targets = [...byId.values()];
  const regionMap = new Map<string | undefined, { current: FetchTarget[]; pinned: FetchTarget[] }>();
  for (const t of targets) {
    let r = regionMap.get(t.region);
    if (!r) regionMap.set(t.region, (r = { current: [], pinned: [] }));
    (t.versionStage || t.versionId ? r.pinned : r.current).push(t);
  }
  const size = Math.max(1, Math.min(BATCH_LIMIT, Math.floor(batchSize)));
  const regions: RegionPlan[] = [...regionMap.entries()].map(([region, r]) => ({
    region,
    batches: chunk(r.current, size),
    pinned: r.pinned,
  }));
  return { targets, regions };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
