import 'server-only';
import type { ProviderCallContext } from './types';

export interface IssuedToken {
  value: string;
  /** When to stop using it: the provider's expiry minus a safety margin. */
  usableUntil: number;
}

export interface TokenCache<C> {
  get(config: C, ctx: ProviderCallContext | null, now?: number): Promise<string>;
  /** Forgets `token` after the provider refused it; a newer token fetched meanwhile is kept. */
  invalidate(config: C, token?: string): void;
}

/**
 * Access tokens per process, keyed per credentials. Concurrent callers share one in-flight
 * fetch: several providers invalidate the previous token whenever a new one is issued, so
 * minting one per request would make requests fail each other.
 */
export function createTokenCache<C>(keyOf: (config: C) => string, fetchToken: (config: C, ctx: ProviderCallContext | null) => Promise<IssuedToken>): TokenCache<C> {
  const cache = new Map<string, IssuedToken>();
  const inFlight = new Map<string, Promise<IssuedToken>>();
  return {
    async get(config, ctx, now = Date.now()) {
      const key = keyOf(config);
      const cached = cache.get(key);
      if (cached && cached.usableUntil > now) return cached.value;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetchToken(config, ctx)
          .then((token) => {
            cache.set(key, token);
            return token;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return (await pending).value;
    },
    invalidate(config, token) {
      const key = keyOf(config);
      if (token === undefined || cache.get(key)?.value === token) cache.delete(key);
    },
  };
}
