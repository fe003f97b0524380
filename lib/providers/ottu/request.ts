import 'server-only';
import { callProvider, type MultipartFile, type ProviderResponse } from '../http';
import type { ProviderCallContext } from '../types';
import type { OttuConfig } from './config';

export interface OttuCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  label: string;
  body?: unknown;
  multipart?: Record<string, string | MultipartFile>;
  headers?: Record<string, string>;
}

/** Every Ottu call: the merchant's instance, its Authorization header, secrets kept out of the log. */
export function ottuCall(config: OttuConfig, call: OttuCall, ctx: ProviderCallContext | null): Promise<ProviderResponse> {
  return callProvider(
    {
      method: call.method,
      url: `${config.baseUrl}${call.path}`,
      headers: { authorization: config.authorization, ...call.headers },
      body: call.body,
      multipart: call.multipart,
      timeoutMs: config.timeoutMs,
      label: call.label,
      secrets: config.secrets,
    },
    ctx,
  );
}
