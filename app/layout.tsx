import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Malipo checkout', template: '%s · Malipo' },
  description: 'Pay with mobile money: M-Pesa, ClickPesa, Omari, Qmoney.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#065f46' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="bg-brand-700 text-white">
          <div className="mx-auto flex max-w-xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight">
              Malipo <span className="font-normal text-brand-100">Safaris</span>
            </Link>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-xl px-4 py-5">
          {children}
        </main>
      </body>
    </html>
  );
}
