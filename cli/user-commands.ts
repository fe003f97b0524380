import { parseArgs } from 'node:util';
import type { Db } from '@/db';
import { issueApiKey, listApiKeys, revokeApiKey } from '@/lib/admin/api-keys';
import { createUser, listUsers, setPassword } from '@/lib/auth/users';
import { UsageError } from './output';
import { askHidden } from './prompt';

async function newPassword(): Promise<string> {
  const first = await askHidden('Password (at least 12 characters): ');
  if (process.stdin.isTTY) {
    const again = await askHidden('Repeat the password: ');
    if (again !== first) throw new UsageError('the passwords differ');
  }
  return first;
}

/** `users:create --email e --name n --role admin|viewer` (password prompted hidden, or one line on stdin). */
export async function createUserCommand(db: Db, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'viewer' } }, strict: true });
  if (!values.email) throw new UsageError('--email is required');
  const user = await createUser(db, { email: values.email, name: values.name ?? values.email.split('@')[0] ?? values.email, role: values.role as 'admin', password: await newPassword() });
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  return 0;
}

/** `users:set-password --email e`: new password, and the lockout cleared. */
export async function setPasswordCommand(db: Db, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } }, strict: true });
  if (!values.email) throw new UsageError('--email is required');
  const done = await setPassword(db, values.email, await newPassword());
  console.log(done ? `Password set for ${values.email}; any lockout is cleared.` : `No user ${values.email}.`);
  return done ? 0 : 1;
}

export async function listUsersCommand(db: Db): Promise<number> {
  for (const u of await listUsers(db)) {
    const locked = u.lockedUntil && u.lockedUntil > new Date() ? ` locked until ${u.lockedUntil.toISOString()}` : '';
    console.log(`${String(u.id).padStart(4)}  ${u.role.padEnd(7)} ${u.email}  ${u.name}${locked}`);
  }
  return 0;
}

/** `api-keys:create --name n [--callback-url u] [--admin]`: the key is printed once, only its hash is kept. */
export async function createApiKeyCommand(db: Db, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, 'callback-url': { type: 'string' }, admin: { type: 'boolean' } }, strict: true });
  if (!values.name) throw new UsageError('--name is required');
  const key = await issueApiKey(db, { name: values.name, callbackUrl: values['callback-url'], kind: values.admin ? 'admin' : 'merchant' });
  console.error(`Created API key ${key.prefix}… (id ${key.id}). It is shown once; store it now:`);
  console.log(key.key);
  return 0;
}

export async function listApiKeysCommand(db: Db): Promise<number> {
  for (const k of await listApiKeys(db)) {
    console.log(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.revokedAt ? 'revoked' : 'active '}  ${k.name}`);
  }
  return 0;
}

export async function revokeApiKeyCommand(db: Db, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } }, strict: true });
  const id = Number(values.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('--id <number> is required');
  const done = await revokeApiKey(db, id);
  console.log(done ? `Revoked key ${id}.` : `Key ${id} is unknown or already revoked.`);
  return done ? 0 : 1;
}
