// Demo data for a fresh database: a small safari shop and orders waiting to be paid.
import { count, inArray } from 'drizzle-orm';
import type { Db } from './index';
import { orders, tours, users } from './schema';
import { hashPassword } from '@/lib/auth/password';
import { getEnv } from '@/lib/env';

const TOURS = [
  { slug: 'maasai-mara-3-day', name: 'Maasai Mara, 3 days', country: 'Kenya', currency: 'KES', priceMinor: 4_500_000, depositPercent: 30, startDate: '2026-12-10', description: 'Game drives at dawn and dusk across the Mara, camping under the stars.' },
  { slug: 'amboseli-day-trip', name: 'Amboseli day trip', country: 'Kenya', currency: 'KES', priceMinor: 1_200_000, depositPercent: 0, startDate: null, description: 'Elephants below Kilimanjaro, a day from Nairobi.' },
  { slug: 'nairobi-national-park', name: 'Nairobi National Park, half day', country: 'Kenya', currency: 'KES', priceMinor: 350_000, depositPercent: 0, startDate: null, description: 'Rhinos and giraffes with the city skyline behind.' },
  { slug: 'serengeti-migration', name: 'Serengeti migration, 4 days', country: 'Tanzania', currency: 'TZS', priceMinor: 250_000_000, depositPercent: 25, startDate: '2027-01-15', description: 'Follow the great migration across the Serengeti plains.' },
  { slug: 'victoria-falls', name: 'Victoria Falls and Zambezi sunset', country: 'Zimbabwe', currency: 'USD', priceMinor: 35_000, depositPercent: 20, startDate: '2027-02-10', description: 'The smoke that thunders, then a sunset cruise on the Zambezi.' },
  { slug: 'gambia-river-birds', name: 'Gambia River birding', country: 'The Gambia', currency: 'GMD', priceMinor: 450_000, depositPercent: 0, startDate: null, description: 'Kingfishers, bee-eaters and a pirogue along the river.' },
  { slug: 'kuwait-desert-camp', name: 'Kuwait desert camp night', country: 'Kuwait', currency: 'KWD', priceMinor: 85_500, depositPercent: 0, startDate: null, description: 'Dinner and a night under desert stars.' },
] as const;

export async function seedDemoData(db: Db): Promise<boolean> {
  await seedDemoUsers(db);
  const [existing] = await db.select({ n: count() }).from(tours);
  if ((existing?.n ?? 0) > 0) return false;
  const inserted = await db.insert(tours).values([...TOURS]).returning();
  const bySlug = new Map(inserted.map((t) => [t.slug, t]));
  const demoOrders = [
    { slug: 'nairobi-national-park', reference: 'ORD-DEMO01', customerName: 'Amina Otieno' },
    { slug: 'amboseli-day-trip', reference: 'ORD-DEMO02', customerName: 'Brian Kiprop' },
    { slug: 'maasai-mara-3-day', reference: 'ORD-DEMO03', customerName: 'Wanjiru Kamau' },
    { slug: 'serengeti-migration', reference: 'ORD-DEMO04', customerName: 'Neema Mushi' },
    { slug: 'victoria-falls', reference: 'ORD-DEMO05', customerName: 'Tendai Moyo' },
    { slug: 'gambia-river-birds', reference: 'ORD-DEMO06', customerName: 'Awa Jallow' },
    { slug: 'kuwait-desert-camp', reference: 'ORD-DEMO07', customerName: 'Fatima Al-Sabah' },
  ];
  await db.insert(orders).values(
    demoOrders.map((o, i) => {
      const tour = bySlug.get(o.slug);
      if (!tour) throw new Error(`seed tour ${o.slug} missing`);
      return {
        id: `ord_demo${String(i + 1).padStart(2, '0')}`,
        reference: o.reference,
        description: tour.name,
        currency: tour.currency,
        totalMinor: tour.priceMinor,
        depositPercent: tour.depositPercent,
        customerName: o.customerName,
        tourId: tour.id,
        startDate: tour.startDate,
        source: 'seed',
      };
    }),
  );
  return true;
}

/** Demo sign-ins for the admin (documented in docs/admin.md); never on a public production URL. */
export const DEMO_USERS = [
  { email: 'admin@malipo.test', name: 'Demo Admin', role: 'admin', password: 'malipo-admin-demo' },
  { email: 'viewer@malipo.test', name: 'Demo Viewer', role: 'viewer', password: 'malipo-viewer-demo' },
] as const;

/**
 * Adds the demo admin and viewer when missing (a password changed since is kept). Production
 * gets them only on a loopback APP_URL (`npm run demo`) or with SEED_DEMO_DATA set explicitly:
 * known passwords must never guard a public admin. Real admins come from `npm run cli -- users:create`.
 */
export async function seedDemoUsers(db: Db): Promise<number> {
  const env = getEnv();
  const host = new URL(env.APP_URL).hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (env.NODE_ENV === 'production' && !loopback && env.SEED_DEMO_DATA !== true) return 0;
  const existing = new Set((await db.select({ email: users.email }).from(users).where(inArray(users.email, DEMO_USERS.map((u) => u.email)))).map((r) => r.email));
  let added = 0;
  for (const u of DEMO_USERS.filter((d) => !existing.has(d.email))) {
    const rows = await db
      .insert(users)
      .values({ email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    added += rows.length;
  }
  if (added > 0) console.info(`[malipo] demo admin sign-ins: ${DEMO_USERS.map((u) => `${u.email} / ${u.password} (${u.role})`).join(', ')}`);
  return added;
}
