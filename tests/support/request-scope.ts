// Server actions read the request's headers (next/headers) for the client IP. Called directly,
// outside a Next.js server, they run here inside the same request scope Next.js gives them,
// using Next's own stores, so `headers()` answers with these headers.
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';

export function asRequestFrom<T>(ip: string, run: () => Promise<T>): Promise<T> {
  const headers = new Headers({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
  const workStore = { route: '/test-action', forceStatic: false, dynamicShouldError: false } as never;
  const requestStore = { type: 'request', phase: 'action', headers } as never;
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, run));
}
