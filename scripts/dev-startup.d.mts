// Types for scripts/dev-startup.mjs (the project does not type-check JavaScript).
export interface DevPort {
  name: string;
  variable: 'PORT' | 'SANDBOX_PORT';
  port: number;
}
export function devPorts(env: Record<string, string | undefined>): DevPort[];
export function parsePort(raw: string | undefined, variable: string, fallback: number): number;
export function portIsFree(port: number, host?: string): Promise<boolean>;
export function busyPortMessage(entry: DevPort): string;
export function firstBusyPort(ports: DevPort[], host?: string): Promise<DevPort | null>;
export function waitUntilAnswering(url: string, opts?: { intervalMs?: number; gaveUp?: () => boolean }): Promise<void>;
