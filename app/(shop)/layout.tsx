import Link from 'next/link';

/** The shopper's chrome: a narrow, phone-first column under the shop's header. */
export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
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
    </>
  );
}
