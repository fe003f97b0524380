// Where a merchant webhook may be sent. A callback_url is chosen by whoever holds an API key, and
// we POST to it from inside our network and store part of the answer: without this check it
// reaches loopback services, the cloud metadata endpoint (169.254.169.254) or private hosts.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { PinnedAddress } from './pinned-post';

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
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001::', 32, 'ipv6', 'Teredo'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
];
for (const [network, prefix, family] of RANGES) blocked.addSubnet(network, prefix, family);

/** The eight 16-bit groups of an IPv6 address ("::127.0.0.1" included). */
function hextets(ip: string): number[] {
  let text = ip.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address carries where the network would deliver to it: IPv4-compatible
 * (::a.b.c.d, what [::127.0.0.1] becomes), IPv4-mapped and SIIT (::ffff:[0:]a.b.c.d), NAT64's
 * well-known prefix (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48).
 */
function embeddedIpv4(ip: string): string | null {
  const h = hextets(ip);
  const zeros = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (h[5] === 0 || h[5] === 0xffff)) return v4(h[6]!, h[7]!);
  if (zeros(0, 4) && h[4] === 0xffff && h[5] === 0) return v4(h[6]!, h[7]!);
  if (h[0] === 0x64 && h[1] === 0xff9b && zeros(2, 6)) return v4(h[6]!, h[7]!);
  if (h[0] === 0x2002) return v4(h[1]!, h[2]!);
  return null;
}

/** The kind of non-public address `ip` is (IPv4 carried in IPv6 included), or null when it is public. */
export function nonPublicKind(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!blocked.check(ip, type)) {
    const inner = family === 6 ? embeddedIpv4(ip) : null;
    return inner ? nonPublicKind(inner) : null;
  }
  // BlockList matches ::ffff:a.b.c.d against the IPv4 rules too; name the first rule that applies.
  const rule = RANGES.find(([network, prefix, f]) => {
    const one = new BlockList();
    one.addSubnet(network, prefix, f);
    return one.check(ip, type);
  });
  return rule?.[3] ?? 'non-public';
}

export type TargetCheck = { refused: string } | { refused: null; pinned: PinnedAddress };

/**
 * Where `url` may receive a webhook: the address to connect to (see pinned-post.ts: the send
 * uses exactly this address, so DNS cannot answer differently in between), or why not. Every
 * address the host resolves to must be public (a name with one private address among public ones
 * is refused). `allowPrivate` is for development, tests and e2e, whose receivers listen on 127.0.0.1.
 */
export async function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<TargetCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { refused: 'not a valid URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { refused: `scheme ${parsed.protocol} is not allowed` };
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    return { refused: `host ${host} does not resolve (${error instanceof Error && 'code' in error ? String(error.code) : 'lookup failed'})` };
  }
  const first = addresses[0];
  if (!first) return { refused: `host ${host} does not resolve` };
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const kind = nonPublicKind(address);
      if (kind) return { refused: `host ${host} resolves to ${address} (${kind}); webhooks go to public addresses only` };
    }
  }
  return { refused: null, pinned: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}

/** Null when `url` may receive a webhook, else why not (see checkWebhookTarget). */
export async function refuseWebhookTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  const parsed = (() => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  })();
  // With private targets allowed nothing needs resolving to say yes.
  if (allowPrivate && parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) return null;
  return (await checkWebhookTarget(url, allowPrivate)).refused;
}
