// Where a merchant webhook may be sent. A callback_url is chosen by whoever holds an API key, and
// we POST to it from inside our network and store part of the answer: without this check it
// reaches loopback services, the cloud metadata endpoint (169.254.169.254) or private hosts.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'CGNAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];
for (const [network, prefix, family] of RANGES) blocked.addSubnet(network, prefix, family);

/** The kind of non-public address `ip` is (IPv4-mapped IPv6 included), or null when it is public. */
export function nonPublicKind(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!blocked.check(ip, type)) return null;
  // BlockList matches ::ffff:a.b.c.d against the IPv4 rules too; name the first rule that applies.
  const rule = RANGES.find(([network, prefix, f]) => {
    const one = new BlockList();
    one.addSubnet(network, prefix, f);
    return one.check(ip, type);
  });
  return rule?.[3] ?? 'non-public';
}

/**
 * Null when `url` may receive a webhook, else why not. Every address the host resolves to must
 * be public (a name with one private address among public ones is refused). `allowPrivate` is for
 * development, tests and e2e, whose receivers listen on 127.0.0.1.
 * Known limit: fetch resolves the name again, so a DNS answer that changes in between (rebinding)
 * is not caught here.
 */
export async function refuseWebhookTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `scheme ${parsed.protocol} is not allowed`;
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string }[];
  try {
    addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    return `host ${host} does not resolve (${error instanceof Error && 'code' in error ? String(error.code) : 'lookup failed'})`;
  }
  if (addresses.length === 0) return `host ${host} does not resolve`;
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (kind) return `host ${host} resolves to ${address} (${kind}); webhooks go to public addresses only`;
  }
  return null;
}
