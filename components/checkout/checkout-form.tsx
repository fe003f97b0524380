'use client';

import { useActionState, useState } from 'react';
import { startCheckout, type CheckoutFormState } from '@/app/(shop)/actions';
import { phoneExample, phoneHint } from '@/lib/shop/phone-hint';
import { CAPABILITY_PARAM } from '@/lib/shop/shopper-paths';

interface Method {
  id: string;
  name: string;
  available: boolean;
  country: string;
}

interface Props {
  reference: string;
  /** The order's capability, posted with the form (lib/payments/order-capability.ts). */
  capability: string;
  methods: Method[];
  clientToken: string;
  depositLabel: string | null;
  balanceLabel: string;
  defaultMsisdn?: string;
}

const INITIAL: CheckoutFormState = { fieldErrors: {} };

/**
 * The phone form. It is a plain <form> posting to a server action, so it works before (and
 * without) hydration; once hydrated it adds inline validation and blocks a second submit.
 */
export function CheckoutForm({ reference, capability, methods, clientToken, depositLabel, balanceLabel, defaultMsisdn }: Props) {
  const [state, formAction, pending] = useActionState(startCheckout, INITIAL);
  const available = methods.filter((m) => m.available);
  const [provider, setProvider] = useState(available[0]?.id ?? '');
  const country = methods.find((m) => m.id === provider)?.country ?? 'KE';
  const [hint, setHint] = useState<string | null>(null);
  const [amountChoice, setAmountChoice] = useState<'balance' | 'deposit'>('balance');
  // The button says what will be asked for (before hydration: the default, the full balance).
  const payLabel = `Pay ${amountChoice === 'deposit' && depositLabel ? depositLabel : balanceLabel}`;
  const phoneError = hint ?? state.fieldErrors.msisdn;

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name={CAPABILITY_PARAM} value={capability} />
      <input type="hidden" name="clientToken" value={clientToken} />
      <fieldset>
        <legend className="font-semibold">Pay with</legend>
        <div className="mt-2 space-y-2">
          {methods.map((m) => (
            <label key={m.id} className={`flex min-h-12 items-center gap-3 rounded-lg border bg-white px-3 ${m.available ? 'border-stone-300' : 'border-stone-200 text-stone-400'}`}>
              <input type="radio" name="provider" value={m.id} disabled={!m.available} checked={provider === m.id} onChange={() => setProvider(m.id)} className="size-5 accent-brand-700" />
              <span className="font-medium">{m.name}</span>
              {!m.available && <span className="ml-auto text-xs">Not available right now</span>}
            </label>
          ))}
        </div>
      </fieldset>

      {depositLabel && (
        <fieldset>
          <legend className="font-semibold">Amount</legend>
          <div className="mt-2 space-y-2">
            <label className="flex min-h-12 items-center gap-3 rounded-lg border border-stone-300 bg-white px-3">
              <input type="radio" name="amountChoice" value="balance" checked={amountChoice === 'balance'} onChange={() => setAmountChoice('balance')} className="size-5 accent-brand-700" />
              <span>Full balance · {balanceLabel}</span>
            </label>
            <label className="flex min-h-12 items-center gap-3 rounded-lg border border-stone-300 bg-white px-3">
              <input type="radio" name="amountChoice" value="deposit" checked={amountChoice === 'deposit'} onChange={() => setAmountChoice('deposit')} className="size-5 accent-brand-700" />
              <span>Deposit · {depositLabel}</span>
            </label>
          </div>
          {state.fieldErrors.amount && <p className="mt-1 text-sm text-red-700">{state.fieldErrors.amount}</p>}
        </fieldset>
      )}

      <div>
        <label htmlFor="msisdn" className="block font-semibold">
          Phone number
        </label>
        <p id="msisdn-help" className="text-sm text-stone-600">
          The phone that will receive the payment request, e.g. {phoneExample(country)}
        </p>
        <input
          id="msisdn"
          name="msisdn"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={state.msisdn ?? defaultMsisdn}
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? 'msisdn-help msisdn-error' : 'msisdn-help'}
          onBlur={(e) => setHint(e.currentTarget.value ? phoneHint(e.currentTarget.value, country) : null)}
          onChange={(e) => hint && setHint(phoneHint(e.currentTarget.value, country))}
          className="mt-1 block min-h-12 w-full rounded-lg border border-stone-300 bg-white px-3 text-lg aria-[invalid]:border-red-600"
        />
        {phoneError && (
          <p id="msisdn-error" role="alert" className="mt-1 text-sm text-red-700">
            {phoneError}
          </p>
        )}
      </div>

      {state.message && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      )}

      <button
        type="submit"
        disabled={pending || !provider}
        className="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-brand-700 px-4 text-base font-semibold text-white hover:bg-brand-900 disabled:bg-stone-400"
      >
        {pending ? 'Sending request…' : payLabel}
      </button>
    </form>
  );
}
