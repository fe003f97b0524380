// `npm run cli -- <command>`: operations without the web admin (first admin in production,
// provider credentials on a server, API keys for a deploy script). Runs against the database
// the app uses (DATABASE_URL, else embedded PGlite: stop the app first, PGlite is one process).
import { getDatabase } from '@/lib/server/database';
import { AppError } from '@/lib/errors';
import { SETTINGS_SPECS } from '@/lib/settings/specs';
import { UsageError } from './output';
import { initCommand, setCredentialsCommand, testConnectionCommand } from './provider-commands';
import { createApiKeyCommand, createUserCommand, listApiKeysCommand, listUsersCommand, revokeApiKeyCommand, setPasswordCommand } from './user-commands';

const HELP = `Usage: npm run cli -- <command> [options]

Providers (<p> is one of ${Object.keys(SETTINGS_SPECS).join(', ')}):
  <p>:init                        create the settings row, report what is missing
  <p>:set-credentials             --<flag> value ... or --interactive (secrets typed hidden);
                                  --enable / --disable. Flags:
${Object.values(SETTINGS_SPECS)
  .map((spec) => `    ${spec.provider.padEnd(10)} ${spec.fields.map((f) => `--${f.flag}`).join(' ')}`)
  .join('\n')}
  <p>:test-connection             one real authenticated call with the settings in effect
                                  (M-Pesa, ClickPesa: a fresh token; Qmoney: a fresh login;
                                  Omari: a status query for an unknown reference)
Users:
  users:create --email e [--name n] --role admin|viewer   password prompted (hidden) or from stdin
  users:set-password --email e    new password, clears a lockout
  users:list
API keys:
  api-keys:create --name n [--callback-url u] [--admin]   prints the key once (--admin: sees every payment)
  api-keys:list
  api-keys:revoke --id n
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const database = await getDatabase();
  try {
    const db = database.db;
    const provider = /^([a-z]+):(init|set-credentials|test-connection)$/.exec(command);
    if (provider?.[1] && provider[2]) {
      if (provider[2] === 'init') return await initCommand(db, provider[1]);
      if (provider[2] === 'set-credentials') return await setCredentialsCommand(db, provider[1], args);
      return await testConnectionCommand(db, provider[1]);
    }
    switch (command) {
      case 'users:create':
        return await createUserCommand(db, args);
      case 'users:set-password':
        return await setPasswordCommand(db, args);
      case 'users:list':
        return await listUsersCommand(db);
      case 'api-keys:create':
        return await createApiKeyCommand(db, args);
      case 'api-keys:list':
        return await listApiKeysCommand(db);
      case 'api-keys:revoke':
        return await revokeApiKeyCommand(db, args);
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${HELP}`);
      process.exit(2);
    }
    if (error instanceof AppError || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`error: ${(error as Error).message}`);
      process.exit(error instanceof AppError ? 1 : 2);
    }
    console.error(error);
    process.exit(1);
  },
);
