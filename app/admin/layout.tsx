import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: { default: 'Admin', template: '%s · Malipo admin' },
  robots: { index: false, follow: false },
};

/** Wide, full-height chrome for the back office; the dashboard group adds the navigation. */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-dvh bg-stone-100">{children}</div>;
}
