import { describe, expect, it } from 'vitest';
import { createTokenCache } from '@/lib/providers/token-cache';

function counterCache(lifetimeMs: number) {
  let issued = 0;
  const cache = createTokenCache<{ user: string }>(
    (c) => c.user,
    async () => {
      issued++;
      await new Promise((r) => setTimeout(r, 10));
      return { value: `token-${issued}`, usableUntil: Date.now() + lifetimeMs };
    },
    null,
  );
  return { cache, issued: () => issued };
}

describe('createTokenCache', () => {
  it('shares one in-flight fetch between concurrent callers and reuses the token until it lapses', async () => {
    const { cache, issued } = counterCache(60_000);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get({ user: 'a' }, null)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await cache.get({ user: 'a' }, null)).toBe('token-1');
    expect(issued()).toBe(1);
    expect(await cache.get({ user: 'a' }, null, Date.now() + 61_000)).toBe('token-2');
  });

  it('keeps separate tokens per credentials', async () => {
    const { cache } = counterCache(60_000);
    expect(await cache.get({ user: 'a' }, null)).not.toBe(await cache.get({ user: 'b' }, null));
  });

  it('invalidates only the refused token, never a fresher one fetched meanwhile', async () => {
    const { cache } = counterCache(60_000);
    const first = await cache.get({ user: 'a' }, null);
    await cache.invalidate({ user: 'a' }, 'some-older-token');
    expect(await cache.get({ user: 'a' }, null)).toBe(first);
    await cache.invalidate({ user: 'a' }, first);
    expect(await cache.get({ user: 'a' }, null)).not.toBe(first);
  });

  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const cache = createTokenCache<{ u: string }>(
      () => 'k',
      async () => {
        calls++;
        if (calls === 1) throw new Error('provider down');
        return { value: 'ok', usableUntil: Date.now() + 1000 };
      },
      null,
    );
    await expect(cache.get({ u: 'x' }, null)).rejects.toThrow('provider down');
    expect(await cache.get({ u: 'x' }, null)).toBe('ok');
  });
});
