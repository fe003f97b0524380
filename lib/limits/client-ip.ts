import { isIP } from 'node:net';

/**
 * The shopper's address as the reverse proxy in front of Malipo reports it: the first
 * X-Forwarded-For hop, else X-Real-IP. We trust that proxy to set these headers itself
 * (overwriting what the client sent, e.g. nginx `proxy_set_header X-Forwarded-For $remote_addr`);
 * see docs/SECURITY.md. Anything that is not an IP address counts as one shared 'unknown' client.
 */
export function clientIpOf(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const candidate = forwarded || headers.get('x-real-ip')?.trim() || '';
  const ip = candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
  return isIP(ip) ? ip : 'unknown';
}
