// Api-Key or Basic auth (providers.md §3.1), answered the way Django REST framework does.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OttuSimConfig } from './config';
import { detail, type Reply } from './replies';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authenticate(req: IncomingMessage, cfg: OttuSimConfig): Reply | null {
  const header = req.headers.authorization?.trim() ?? '';
  const [scheme = '', credential = ''] = header.split(/\s+/, 2);
  if (!header) return detail(401, 'Authentication credentials were not provided.');
  if (scheme === 'Api-Key') return same(credential, cfg.apiKey) ? null : detail(401, 'Invalid API key.');
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    return same(decoded, `${cfg.username}:${cfg.password}`) ? null : detail(401, 'Invalid username/password.');
  }
  return detail(401, 'Authentication credentials were not provided.');
}
