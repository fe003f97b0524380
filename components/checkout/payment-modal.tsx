'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import useSWR from 'swr';
import type { ShopperPaymentView } from '@/lib/payments/shopper-view';
import { checkAgainAction, retryAction } from '@/app/(shop)/actions';
import { shopperPaths } from '@/lib/shop/shopper-paths';
import { OtpChecking, OtpStep, ResendForm } from './otp-step';
import { PaymentFields } from './payment-fields';

interface Props {
  initial: ShopperPaymentView;
  /** The order's capability: every poll, link and form carries it. */
  capability: string;
  pollSeconds: number;
  giveUpSeconds: number;
}

/** What the fetcher knows of the last poll: when it started, and whether it brought a change. */
interface LastPoll {
  startedAt: number;
  changed: boolean;
}

async function fetchView(url: string, wait: string, last: { current: LastPoll | null }): Promise<ShopperPaymentView> {
  const startedAt = Date.now();
  const res = await fetch(`${url}${url.includes('?') ? '&' : '?'}wait=${encodeURIComponent(wait)}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const view = (await res.json()) as ShopperPaymentView;
  last.current = { startedAt, changed: view.version !== wait };
  return view;
}

/**
 * "Check your phone": a long poll every pollSeconds (SWR refreshInterval, retrying on network
 * errors). Each poll waits on the server until the payment changes (at most a little under
 * pollSeconds), so an outcome shows within about a second; a poll that brought a change is
 * followed by the next at once. It stops at a final status, and never decides an outcome.
 */
export function PaymentModal({ initial, capability, pollSeconds, giveUpSeconds }: Props) {
  const router = useRouter();
  const shownVersion = useRef(initial.version);
  const lastPoll = useRef<LastPoll | null>(null);
  // Stable identity matters: SWR restarts its polling timer whenever this function changes,
  // and the countdown re-renders every second.
  const refreshInterval = useCallback(
    (latest?: ShopperPaymentView) => {
      if (latest?.terminal) return 0;
      const last = lastPoll.current;
      // 0 would stop polling: 1 ms is "at once".
      if (!last || last.changed) return 1;
      return Math.max(1, pollSeconds * 1000 - (Date.now() - last.startedAt));
    },
    [pollSeconds],
  );
  const { data, error } = useSWR(shopperPaths.poll(initial.id, capability), (url: string) => fetchView(url, shownVersion.current, lastPoll), {
    fallbackData: initial,
    // The server just rendered `initial`; the first long poll starts from the refresh timer.
    revalidateOnMount: false,
    refreshInterval,
    revalidateOnFocus: true,
    errorRetryInterval: pollSeconds * 1000,
    // SWR would answer a poll within 2 s of the last one with that last answer (and our timer
    // would spin meanwhile): each long poll must really go out. An open poll is still shared.
    dedupingInterval: 0,
  });
  // After a redirect to this same URL (a server action: wrong code, Retry refused) the server's
  // fresh render is newer than SWR's cached poll: show whichever is newer.
  const payment = data && data.serverTime > initial.serverTime ? data : initial;
  useEffect(() => {
    shownVersion.current = payment.version;
  }, [payment.version]);
  // Start from the server's clock so the server HTML and the first client render agree.
  const now = useNow(initial.serverTime, payment.terminal);
  const secondsLeft = payment.expiresAt ? Math.max(0, Math.round((payment.expiresAt - now) / 1000)) : null;
  // Counted from when the request was sent, so a reload does not restart the wait.
  // An OTP step waits for the shopper, not for a provider: it never "gives up" on its own.
  const gaveUp = !payment.terminal && payment.flow !== 'otp' && now - payment.createdAt > giveUpSeconds * 1000;

  useEffect(() => {
    if (payment.status === 'success') router.replace(shopperPaths.receipt(payment.id, capability));
  }, [payment.status, payment.id, capability, router]);

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="modal-title" className="fixed inset-0 z-10 flex items-end justify-center bg-black/40 sm:items-center">
      <div className="w-full max-w-md rounded-t-2xl bg-white p-5 shadow-xl sm:rounded-2xl">
        <div aria-live="polite" className="space-y-3">
          {payment.status === 'success' ? (
            <Title>Payment received</Title>
          ) : payment.terminal ? (
            <Failure payment={payment} capability={capability} />
          ) : payment.status === 'awaiting_otp' || (payment.flow === 'otp' && payment.status === 'processing') ? (
            // One element for the code step and its check, so the form's own state survives a poll.
            <OtpStep payment={payment} capability={capability} secondsLeft={secondsLeft} />
          ) : gaveUp ? (
            <Stalled payment={payment} capability={capability} />
          ) : (
            <Waiting payment={payment} secondsLeft={secondsLeft} />
          )}
          {error && !payment.terminal && <p className="text-sm text-amber-700">Connection lost, retrying…</p>}
        </div>
      </div>
    </div>
  );
}

function Waiting({ payment, secondsLeft }: { payment: ShopperPaymentView; secondsLeft: number | null }) {
  if (payment.flow === 'otp') return <OtpChecking payment={payment} />;
  return (
    <>
      <Title>Check your phone</Title>
      <p>
        We sent a payment request for <strong>{payment.amount}</strong> to <strong>{payment.phone}</strong> ({payment.providerName}). Enter your PIN on your phone to approve it.
      </p>
      {secondsLeft !== null && secondsLeft > 0 && (
        <p className="text-sm text-stone-600">
          The request expires in <span className="font-semibold tabular-nums">{formatSeconds(secondsLeft)}</span>
        </p>
      )}
      <div className="h-1.5 overflow-hidden rounded bg-stone-200" aria-hidden="true">
        <div className="h-full w-1/3 animate-pulse rounded bg-brand-600" />
      </div>
    </>
  );
}

function Stalled({ payment, capability }: { payment: ShopperPaymentView; capability: string }) {
  const blocksSecondTry = payment.underReview || payment.uncertain;
  return (
    <>
      <Title>We haven&apos;t heard back yet</Title>
      <p>If you approved the payment on your phone, it may still succeed. We keep checking, and your order completes as soon as it does.</p>
      {/* Flagged or uncertain: the first attempt may still take money, so the same rule as the
          failure view applies: no second push from here (the server refuses one as well). */}
      {blocksSecondTry ? <p className="text-sm text-stone-600">We are checking this payment with {payment.providerName}. Please do not pay again; the shop can help if it does not complete.</p> : null}
      <form action={checkAgainAction}>
        <PaymentFields paymentId={payment.id} capability={capability} />
        <SubmitButton>I have paid, check again</SubmitButton>
      </form>
      {blocksSecondTry ? null : (
        <form action={retryAction}>
          <PaymentFields paymentId={payment.id} capability={capability} />
          <SubmitButton variant="secondary">Retry</SubmitButton>
        </form>
      )}
    </>
  );
}

function Failure({ payment, capability }: { payment: ShopperPaymentView; capability: string }) {
  return (
    <>
      <Title>{payment.status === 'cancelled' ? 'Payment cancelled' : payment.status === 'expired' ? 'Request expired' : 'Payment failed'}</Title>
      <p>{payment.message}</p>
      {payment.flow === 'otp' ? (
        // A new code is a new initiation, limited per phone; other OTP failures start again.
        payment.status === 'expired' && !payment.uncertain && <ResendForm payment={payment} capability={capability} />
      ) : (
        <form action={retryAction}>
          <PaymentFields paymentId={payment.id} capability={capability} />
          <SubmitButton>{payment.uncertain ? 'Pay again (only if no money left your account)' : 'Retry'}</SubmitButton>
        </form>
      )}
      <a href={shopperPaths.checkout(payment.orderId, capability)} className="block text-center text-brand-700 underline underline-offset-2">
        Use another number or method
      </a>
    </>
  );
}

function Title({ children }: { children: React.ReactNode }) {
  return (
    <h2 id="modal-title" className="text-xl font-bold">
      {children}
    </h2>
  );
}

function SubmitButton({ children, variant = 'primary' }: { children: React.ReactNode; variant?: 'primary' | 'secondary' }) {
  const style = variant === 'primary' ? 'bg-brand-700 text-white hover:bg-brand-900' : 'border border-brand-700 text-brand-700 hover:bg-brand-50';
  return <button className={`inline-flex min-h-12 w-full items-center justify-center rounded-lg px-4 font-semibold ${style}`}>{children}</button>;
}

function useNow(initial: number, stopped: boolean): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    if (stopped) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [stopped]);
  return now;
}

function formatSeconds(total: number): string {
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
