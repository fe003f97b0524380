'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import useSWR from 'swr';
import type { ShopperPaymentView } from '@/lib/payments/shopper-view';
import { checkAgainAction, retryAction } from '@/app/(shop)/actions';
import { shopperPaths } from '@/lib/shop/shopper-paths';
import { OtpStep, ResendForm } from './otp-step';
import { PaymentFields } from './payment-fields';

interface Props {
  initial: ShopperPaymentView;
  /** The order's capability: every poll, link and form carries it. */
  capability: string;
  pollSeconds: number;
  giveUpSeconds: number;
  /** Seconds after the request was sent before the first status check (default: pollSeconds). */
  firstCheckSeconds?: number;
}

const fetcher = async (url: string): Promise<ShopperPaymentView> => {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json();
};

/**
 * "Check your phone": polls the server every pollSeconds (SWR refreshInterval, retrying on
 * network errors) and stops at a final status. It never decides an outcome; it only shows it.
 */
export function PaymentModal({ initial, capability, pollSeconds, giveUpSeconds, firstCheckSeconds = pollSeconds }: Props) {
  const router = useRouter();
  // Stable identity matters: SWR restarts its polling timer whenever this function changes,
  // and the countdown re-renders every second.
  // The first check waits until firstCheckSeconds after the request was sent (nobody approves a
  // prompt faster), then every pollSeconds. Fixed once at mount, so the identity stays stable.
  const [firstCheckAt] = useState(() => Date.now() + Math.max(0, firstCheckSeconds * 1000 - (initial.serverTime - initial.createdAt)));
  const refreshInterval = useCallback(
    (latest?: ShopperPaymentView) => (latest?.terminal ? 0 : Math.max(pollSeconds * 1000, firstCheckAt - Date.now())),
    [pollSeconds, firstCheckAt],
  );
  const { data, error } = useSWR(shopperPaths.poll(initial.id, capability), fetcher, {
    fallbackData: initial,
    // The server just rendered `initial`; asking again at once would only repeat it.
    revalidateOnMount: false,
    refreshInterval,
    revalidateOnFocus: true,
    errorRetryInterval: pollSeconds * 1000,
  });
  const payment = data ?? initial;
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
          ) : payment.status === 'awaiting_otp' ? (
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
  if (payment.flow === 'otp') {
    return (
      <>
        <Title>Checking your code</Title>
        <p>{payment.message}</p>
        {/* The code may have been used even when the provider's answer was lost: no second payment. */}
        <p className="text-sm text-stone-600">Please do not pay again. If the payment went through, your order completes by itself; this page updates as soon as we know.</p>
      </>
    );
  }
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
