'use client';

import { useActionState, useState } from 'react';
import { cancelOtpAction, confirmOtpAction, resendOtpAction, type OtpFormState, type ResendState } from '@/app/(shop)/otp-actions';
import { Button } from '@/components/ui/button';
import type { ShopperPaymentView } from '@/lib/payments/shopper-view';
import { PaymentFields } from './payment-fields';

interface Props {
  payment: ShopperPaymentView;
  capability: string;
  secondsLeft: number | null;
}

const NO_ERROR = {};

/**
 * The OTP step. Plain forms posting to server actions, so it works before and without
 * hydration; JavaScript only adds digit clean-up on paste and the live countdown.
 */
export function OtpStep({ payment, capability, secondsLeft }: Props) {
  const [state, confirm, checking] = useActionState<OtpFormState, FormData>(confirmOtpAction, NO_ERROR);
  // Usually 6 digits; some providers send 4 to 8, so the field never cuts a valid code short.
  const [code, setCode] = useState('');
  const triesLeft = state.triesLeft ?? payment.otp?.triesLeft;
  // A poll may show the code being checked (processing) while this form is still mounted: the
  // shopper's own submission keeps its form, and the answer to it (tries left) survives.
  if (payment.status !== 'awaiting_otp' && !checking) return <OtpChecking payment={payment} />;
  return (
    <>
      <h2 id="modal-title" className="text-xl font-bold">
        Enter the code
      </h2>
      <p>
        {payment.providerName} sent a code by SMS to <strong>{payment.phone}</strong> for <strong>{payment.amount}</strong>.
      </p>
      {payment.otpReference && (
        <p>
          Check that the SMS shows the reference <strong data-testid="otp-reference" className="font-mono tracking-widest">{payment.otpReference}</strong>.
        </p>
      )}
      <form action={confirm} className="space-y-2">
        <PaymentFields paymentId={payment.id} capability={capability} />
        <label htmlFor="otp" className="block font-semibold">
          6-digit code
        </label>
        <input
          id="otp"
          name="otp"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'otp-hint otp-error' : 'otp-hint'}
          className="block min-h-12 w-full rounded-lg border border-stone-300 bg-white px-3 text-center font-mono text-2xl tracking-[0.5em] aria-[invalid]:border-red-600"
        />
        <p id="otp-hint" className="text-sm text-stone-600">
          {secondsLeft !== null && secondsLeft > 0 ? (
            <>
              Expires in <span className="font-semibold tabular-nums">{formatSeconds(secondsLeft)}</span>
            </>
          ) : secondsLeft === 0 ? (
            'This code has expired.'
          ) : null}
          {triesLeft !== undefined && triesLeft < 5 && ` · ${triesLeft === 1 ? '1 try' : `${triesLeft} tries`} left`}
        </p>
        {state.error && (
          <p id="otp-error" role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        <Button disabled={checking}>{checking ? 'Checking…' : 'Confirm payment'}</Button>
      </form>
      <ResendForm payment={payment} capability={capability} />
      <form action={cancelOtpAction}>
        <PaymentFields paymentId={payment.id} capability={capability} />
        <Button variant="ghost">Cancel</Button>
      </form>
    </>
  );
}

/** The code is with the provider: no verdict yet. */
export function OtpChecking({ payment }: { payment: ShopperPaymentView }) {
  return (
    <>
      <h2 id="modal-title" className="text-xl font-bold">
        Checking your code
      </h2>
      <p>{payment.message}</p>
      {/* The code may have been used even when the provider's answer was lost: no second payment. */}
      <p className="text-sm text-stone-600">Please do not pay again. If the payment went through, your order completes by itself; this page updates as soon as we know.</p>
    </>
  );
}

/** "Send a new code": a new initiation, limited per phone; the limit shows before it is hit. */
export function ResendForm({ payment, capability }: { payment: ShopperPaymentView; capability: string }) {
  const [state, resend, sending] = useActionState<ResendState, FormData>(resendOtpAction, NO_ERROR);
  const limit = payment.otp && payment.otp.sendsLeft === 0;
  const message = state.error ?? (limit ? `No more codes for now: you can ask again in ${Math.max(1, Math.ceil((payment.otp?.resendInSeconds ?? 60) / 60))} min.` : null);
  return (
    <form action={resend} className="space-y-1">
      <PaymentFields paymentId={payment.id} capability={capability} />
      <Button variant="secondary" disabled={sending || Boolean(limit)} aria-describedby="resend-status">
        {sending ? 'Sending…' : 'Resend code'}
      </Button>
      <p id="resend-status" role="status" className="text-center text-sm text-stone-600">
        {message ?? (payment.otp ? `${payment.otp.sendsLeft} more ${payment.otp.sendsLeft === 1 ? 'code' : 'codes'} available` : '')}
      </p>
    </form>
  );
}

function formatSeconds(total: number): string {
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
