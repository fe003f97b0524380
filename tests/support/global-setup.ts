// Integration tests run against the real PostgreSQL at 127.0.0.1:5432 when it is there (a fresh
// database per run, dropped afterwards), and fall back to in-memory PGlite where it is not.
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject) {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `malipo_it_${Date.now()}_${process.pid}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    console.warn(`[tests] PostgreSQL not reachable (${(error as Error).message}); integration tests use PGlite`);
    project.provide('databaseUrl', '');
    return;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());
  console.info(`[tests] integration database ${name} on ${url.host}`);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
