// Small node:http helpers shared by the server, the control API and the simulators.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request bodies above this are refused; no provider API sends anything close. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
  }
}

/** Multipart uploads (Ottu attachments) may be larger than any JSON body. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readRawBody(req, limit)).toString('utf8');
}

export function bodyLimitFor(req: IncomingMessage): number {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data') ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
}

export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** `undefined` sends an empty body (Daraja's answer to wrong OAuth credentials). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** 303 so a browser follows a form POST with a GET. */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-length': 0 });
  res.end();
}

export function requestUrl(req: IncomingMessage): URL {
  // The base is only there to make the relative request URL parseable.
  return new URL(req.url ?? '/', 'http://sandbox.invalid');
}

export function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json');
}

/** The origin the client used, for absolute links on the pages. */
export function originOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}
