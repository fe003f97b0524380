// Reads the OTP the simulators "texted" to a phone, from the sandbox's SMS inbox (latest first).
export async function latestOtp(sandboxUrl: string, msisdn: string, after = 0): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await fetch(`${sandboxUrl}/_sandbox/sms?msisdn=${encodeURIComponent(msisdn)}`);
    const { messages } = (await res.json()) as { messages: { otp?: string; sentAt: number }[] };
    const message = messages.find((m) => m.otp && m.sentAt >= after);
    if (message?.otp) return message.otp;
    if (Date.now() > deadline) throw new Error(`no OTP for ${msisdn}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A code that is certainly not `otp`. */
export function wrongOtp(otp: string): string {
  return otp === '000000' ? '111111' : '000000';
}
