// Checks a checkout attachment before it is sent (issue 10: PDF only, size and type checked).
// Ottu allows more extensions and names of at most 100 characters and states no size limit; we
// send PDFs only and cap them, so a bad file is our 4xx, not a half-updated session.
import { ProviderRejectedError } from '../types';
import type { MultipartFile } from '../http';

export const OTTU_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_NAME_CHARS = 100;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export interface OttuAttachment {
  filename: string;
  data: Uint8Array;
  /** As declared by whoever supplied the file; must be application/pdf when given. */
  contentType?: string;
}

export function checkOttuAttachment(file: OttuAttachment): MultipartFile {
  const refuse = (message: string) => new ProviderRejectedError('attachment_invalid', `attachment: ${message}`);
  const name = file.filename.trim();
  if (!name || /[\\/\r\n"]/.test(name)) throw refuse('needs a plain file name');
  if (name.length > MAX_NAME_CHARS) throw refuse(`file name must be at most ${MAX_NAME_CHARS} characters`);
  if (!name.toLowerCase().endsWith('.pdf')) throw refuse('must be a .pdf file');
  if (file.contentType && file.contentType.split(';')[0]?.trim().toLowerCase() !== 'application/pdf') throw refuse('must be of type application/pdf');
  if (file.data.byteLength === 0) throw refuse('is empty');
  if (file.data.byteLength > OTTU_ATTACHMENT_MAX_BYTES) throw refuse(`must be at most ${OTTU_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  if (!PDF_MAGIC.every((byte, i) => file.data[i] === byte)) throw refuse('is not a PDF (no %PDF- header)');
  return { filename: name, contentType: 'application/pdf', data: file.data };
}
