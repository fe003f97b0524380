import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentBody } from '@/lib/api/payment-schemas';
import { resetEnvCache } from '@/lib/env';
import { nonPublicKind, refuseWebhookTarget } from '@/lib/webhooks/target';

describe('merchant webhook targets', () => {
  it('names loopback, private, link-local, unique-local and CGNAT addresses, mapped IPv6 included', () => {
    for (const [ip, kind] of [
      ['127.0.0.1', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.31.255.1', 'private'],
      ['192.168.0.10', 'private'],
      ['169.254.169.254', 'link-local'],
      ['100.64.0.1', 'CGNAT'],
      ['0.0.0.0', 'unspecified'],
      ['::1', 'loopback'],
      ['fe80::1', 'link-local'],
      ['fd00::1', 'unique-local'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:a9fe:a9fe', 'link-local'],
    ]) expect([ip, nonPublicKind(ip!)]).toEqual([ip, kind]);
    for (const ip of ['93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) expect(nonPublicKind(ip)).toBeNull();
  });

  it('refuses URLs whose host is or resolves to a non-public address, unless private targets are allowed', async () => {
    expect(await refuseWebhookTarget('http://169.254.169.254/latest/meta-data/', false)).toMatch(/169\.254\.169\.254 \(link-local\)/);
    expect(await refuseWebhookTarget('http://[::ffff:7f00:1]:8080/x', false)).toMatch(/loopback/);
    expect(await refuseWebhookTarget('http://2130706433/', false)).toMatch(/127\.0\.0\.1 \(loopback\)/); // WHATWG URL normalizes it
    expect(await refuseWebhookTarget('http://localhost:3000/hook', false)).toMatch(/host localhost resolves to .* \(loopback\)/);
    expect(await refuseWebhookTarget('https://93.184.216.34/hook', false)).toBeNull();
    expect(await refuseWebhookTarget('http://127.0.0.1:9/hook', true)).toBeNull();
    expect(await refuseWebhookTarget('ftp://93.184.216.34/x', true)).toMatch(/scheme ftp: is not allowed/);
  });
});

describe('IPv4 addresses embedded in IPv6 are checked as the IPv4 address they carry', () => {
  it.each([
    ['::127.0.0.1', 'loopback'], // IPv4-compatible, what [::127.0.0.1] becomes
    ['::7f00:1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:0:a00:1', 'private'], // SIIT ::ffff:0:a.b.c.d
    ['64:ff9b::127.0.0.1', 'loopback'], // NAT64 well-known prefix
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'], // RFC 8215: never a public target
    ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo'], // client 127.0.0.1, obfuscated
  ])('%s → %s', (ip, kind) => {
    expect(nonPublicKind(ip)).toBe(kind);
  });

  it('public IPv4 carried in NAT64 or 6to4 stays public', () => {
    expect(nonPublicKind('64:ff9b::5db8:d822')).toBeNull(); // 93.184.216.34
    expect(nonPublicKind('2002:5db8:d822::1')).toBeNull();
  });

  it('refuses [::127.0.0.1] and 6to4 URLs', async () => {
    expect(await refuseWebhookTarget('http://[::127.0.0.1]/x', false)).toMatch(/loopback/);
    expect(await refuseWebhookTarget('http://[2002:a9fe:a9fe::]/x', false)).toMatch(/link-local/);
  });
});

describe('callback_url scheme', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['NODE_ENV', 'AUTH_SECRET']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    resetEnvCache();
  });
  const body = (callback_url: string) => ({ provider: 'mpesa', amount: '100', currency: 'KES', msisdn: '254700000000', callback_url });

  it('must be https in production (400 naming callback_url); http stays allowed elsewhere', () => {
    expect(createPaymentBody.safeParse(body('http://shop.example/hook')).success).toBe(true);
    Object.assign(process.env, { NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(32) });
    resetEnvCache();
    const refused = createPaymentBody.safeParse(body('http://shop.example/hook'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['callback_url'], message: 'must be an https URL' });
    expect(createPaymentBody.safeParse(body('https://shop.example/hook')).success).toBe(true);
  });
});
