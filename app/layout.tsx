import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Malipo checkout', template: '%s · Malipo' },
  description: 'Pay with mobile money: M-Pesa, ClickPesa, Omari, Qmoney.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#065f46' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Read per request: every page renders with this request's CSP nonce (proxy.ts), none is
  // prerendered with scripts the policy would block.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        {/* Each section brings its own chrome: the narrow shop in (shop)/layout.tsx, the wide admin in admin/layout.tsx. */}
        {children}
      </body>
    </html>
  );
}
