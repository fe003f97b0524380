// The contract between the sandbox server (sandbox/server.ts) and each provider simulator
// (sandbox/<provider>/simulator.ts). Simulators are plain node:http handlers so the sandbox has
// no dependency on the app and is never part of a production build.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type SandboxProviderId = 'mpesa' | 'clickpesa' | 'omari' | 'qmoney' | 'ottu';

/** A push prompt shown on the sandbox phone page (M-Pesa STK, ClickPesa USSD). */
export interface PhonePrompt {
  id: string;
  provider: SandboxProviderId;
  msisdn: string;
  amount: string; // major units, as shown to the shopper
  currency: string;
  merchant: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'approved' | 'declined' | 'expired';
}

/** An SMS "sent" to a phone (OTP providers), shown in the sandbox SMS inbox. */
export interface SmsMessage {
  id: string;
  provider: SandboxProviderId;
  msisdn: string;
  text: string;
  otp?: string;
  sentAt: number;
}

export interface SandboxContext {
  /** Shared phone state, rendered by the phone page. */
  phone: {
    /**
     * Shows a prompt until it is answered or `expiresAt` passes. The phone itself marks it
     * 'expired' at `expiresAt` and then calls `onExpire` (use it for "no answer" outcomes rather
     * than a timer of your own, so the page and the simulator never disagree). Each prompt is
     * answered or expired at most once.
     */
    addPrompt(
      p: Omit<PhonePrompt, 'id' | 'createdAt' | 'status'>,
      onAnswer: (approved: boolean) => void,
      onExpire?: () => void,
    ): PhonePrompt;
    sendSms(m: Omit<SmsMessage, 'id' | 'sentAt'>): SmsMessage;
  };
  /** Appends to the simulator's own ledger, readable at GET /_sandbox/ledger. */
  record(provider: SandboxProviderId, entry: Record<string, unknown>): void;
  /** Timer-based scheduling that close() cancels. */
  later(ms: number, fn: () => void | Promise<void>): void;
  /**
   * Resolves after `ms`, or at once when the sandbox is reset or closed, so a deliberately slow
   * response never holds a request (or close()) hostage.
   */
  sleep(ms: number): Promise<void>;
  /** Aborted by close(): pass it to outgoing requests (callbacks, webhooks). */
  signal: AbortSignal;
  options: SandboxOptions;
}

export interface SandboxOptions {
  /** Delay before an automatic outcome (magic numbers) is delivered. */
  outcomeDelayMs: number;
  /** How long a manual prompt waits on the phone page before it times out. */
  promptTimeoutMs: number;
  /** Delay used by the "slow provider" magic numbers. */
  slowMs: number;
  [key: string]: unknown;
}

/** A magic test number, listed on the sandbox index page and in README. */
export interface MagicNumber {
  msisdn: string;
  /** One line: what happens when a payment is made from this number. */
  outcome: string;
}

/** One ledger line: what a simulator was asked, what it answered, what it paid. */
export type LedgerEntry = { seq: number; at: string; provider: SandboxProviderId } & Record<string, unknown>;

export interface Simulator {
  id: SandboxProviderId;
  /**
   * Handle a request whose path starts with `/${id}`; `path` has that prefix removed and holds
   * the pathname only (read the query string from `req.url`). `body` is the whole request body;
   * `raw` holds its bytes for binary uploads (multipart attachments).
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string, body: string, raw?: Buffer): Promise<void>;
  /** Forget all payment state (POST /_sandbox/reset). */
  reset?(): void;
  /** Shown on the sandbox index page. */
  magicNumbers?: MagicNumber[];
}

export type SimulatorFactory = (ctx: SandboxContext) => Simulator;
