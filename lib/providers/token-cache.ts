import 'server-only';
import type { ProviderCallContext } from './types';

export interface IssuedToken {
  value: string;
  /** When to stop using it: the provider's expiry minus a safety margin (epoch ms). */
  usableUntil: number;
}

/** Where instances share tokens (PostgreSQL in the app: shared-token-store.ts). */
export interface SharedTokenStore {
  /** The stored token for `key`, when it is still usable. */
  read(key: string): Promise<IssuedToken | null>;
  /** Under a lock shared by every instance: the stored token if one is usable by now, else `mint()`'s, stored. */
  refresh(key: string, mint: () => Promise<IssuedToken>): Promise<IssuedToken>;
  /** Forgets the stored token only if it is `token` (a newer one stays); without one, whatever is stored. */
  discard(key: string, token?: string): Promise<void>;
}

export interface TokenCache<C> {
  get(config: C, ctx: ProviderCallContext | null, now?: number): Promise<string>;
  /** Forgets `token` after the provider refused it (or every token, to force a new one); a newer token fetched meanwhile is kept. */
  invalidate(config: C, token?: string): Promise<void>;
}

/**
 * Access tokens, keyed per credentials: kept in the process, shared across instances through
 * `store`, and minted by one caller at a time. Several providers invalidate the previous token
 * whenever a new one is issued, so minting one per request (or per instance) would make
 * requests fail each other.
 */
export function createTokenCache<C>(
  keyOf: (config: C) => string,
  fetchToken: (config: C, ctx: ProviderCallContext | null) => Promise<IssuedToken>,
  store: SharedTokenStore | null,
): TokenCache<C> {
  const local = new Map<string, IssuedToken>();
  const inFlight = new Map<string, Promise<IssuedToken>>();

  const load = async (key: string, config: C, ctx: ProviderCallContext | null): Promise<IssuedToken> => {
    if (!store) return fetchToken(config, ctx);
    return (await store.read(key)) ?? store.refresh(key, () => fetchToken(config, ctx));
  };

  return {
    async get(config, ctx, now = Date.now()) {
      const key = keyOf(config);
      const cached = local.get(key);
      if (cached && cached.usableUntil > now) return cached.value;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = load(key, config, ctx)
          .then((token) => {
            local.set(key, token);
            return token;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return (await pending).value;
    },
    async invalidate(config, token) {
      const key = keyOf(config);
      const cached = local.get(key);
      if (cached && (token === undefined || cached.value === token)) local.delete(key);
      if (store) await store.discard(key, token);
    },
  };
}
