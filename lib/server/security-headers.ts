// The headers every answer carries: a strict Content-Security-Policy whose scripts need this
// request's nonce (Next.js puts it on its own inline scripts), no framing anywhere (the OTP form
// and the admin must never sit inside someone else's page), and HSTS where we are served over https.

export interface SecurityHeaderOptions {
  nonce: string;
  /** next dev evaluates code (React refresh): it needs 'unsafe-eval', production never does. */
  development: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development }: Pick<SecurityHeaderOptions, 'nonce' | 'development'>): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // React style attributes (progress bars, charts) are inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  };
  if (options.https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
