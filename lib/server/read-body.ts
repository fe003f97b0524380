// Request bodies are read with a cap, chunk by chunk, so a 10 MB body costs at most the cap in
// memory and is refused with 413 instead of being parsed first.
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`body is too large (${Math.round(limitBytes / 1024)} KB at most)`);
  }
}

export async function readBodyCapped(req: Request, limitBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
