import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApiClient } from './api-client.ts';
import { projectRoot } from './content-root.ts';
import { startPostgres, type RunningPostgres, type TwoRoleDatabase } from './postgres.ts';
import { startServer, type RunningServer } from './server.ts';

export const databases = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof databases)[number];
export const PASSWORD = 'una-clave-muy-larga-2026';

/**
 * How the server reaches PostgreSQL: one URL whose role owns the tables (today's setups), or an
 * owner role that migrates and an app role that owns nothing (README, "Two database roles").
 */
export type DatabaseRoles = 'single' | 'separate';

/** The real server on a fresh database of the given kind, with the first admin made by the real command. */
export async function startApi(
  kind: DatabaseKind,
  name: string,
  options: { roles?: DatabaseRoles; settings?: Record<string, string> } = {},
) {
  let postgres: RunningPostgres | undefined;
  let roles: TwoRoleDatabase | undefined;
  /** Extra environment for the server, e.g. TRUST_PROXY. */
  const env: Record<string, string> = { ...options.settings };
  if (kind === 'postgresql') {
    postgres = await startPostgres();
    if (options.roles === 'separate') {
      roles = await postgres.createDatabaseWithRoles(name);
      env.DATABASE_URL = roles.appUrl;
      env.DATABASE_OWNER_URL = roles.ownerUrl;
    } else {
      env.DATABASE_URL = await postgres.createDatabase(name);
    }
  }
  const server: RunningServer = await startServer(env);
  execFileSync(
    process.execPath,
    [
      join(projectRoot, 'src/attendance/cli/admin.ts'),
      'create-admin',
      '--email',
      'admin@tejido.test',
      '--name',
      'Admin',
      '--password-stdin',
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: server.dataDir, ...env },
      input: PASSWORD,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const admin = await ApiClient.signedIn(server.url, 'admin@tejido.test', PASSWORD);
  const extra: RunningServer[] = [];
  return {
    server,
    admin,
    /** The PostgreSQL database's URL; undefined on SQLite, whose file is `${server.dataDir}/tejido.sqlite`. */
    databaseUrl: env.DATABASE_URL as string | undefined,
    /** The owner and app roles, when started with `roles: 'separate'`. */
    roles,
    /** Another server process on the same database (PostgreSQL) or data directory, stopped with the rest. */
    startAnother: async () => {
      const another = await startServer({ ...env, DATA_DIR: server.dataDir });
      extra.push(another);
      return another;
    },
    stop: async () => {
      for (const another of extra) await another.stop();
      await server.stop();
      await postgres?.stop();
    },
  };
}

export interface World {
  admin: ApiClient;
  regions: { a: string; b: string };
  users: Record<'coordA' | 'coordB' | 'facA' | 'facA2' | 'facB', { id: string; client: ApiClient }>;
  banks: { a1: string; a2: string; b1: string };
}

async function created<T = any>(promise: Promise<{ status: number; body: any }>): Promise<T> {
  const response = await promise;
  if (response.status !== 200 && response.status !== 201)
    throw new Error(`seed failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/**
 * Two regions; a coordinator for each; two facilitators in region A and one in B; one bank per
 * facilitator. Every access rule can be tried against a neighbour it must not reach.
 */
export async function seedWorld(baseUrl: string, admin: ApiClient): Promise<World> {
  const regions = { a: randomUUID(), b: randomUUID() };
  await created(admin.post('/api/v1/regions', { id: regions.a, code: 'AYA', name: 'Ayacucho' }));
  await created(admin.post('/api/v1/regions', { id: regions.b, code: 'HVC', name: 'Huancavelica' }));
  const people = {
    coordA: { role: 'coordinator', regionId: regions.a },
    coordB: { role: 'coordinator', regionId: regions.b },
    facA: { role: 'facilitator' },
    facA2: { role: 'facilitator' },
    facB: { role: 'facilitator' },
  } as const;
  const users = {} as World['users'];
  for (const [key, spec] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const email = `${key.toLowerCase()}@tejido.test`;
    const { user } = await created(
      admin.post('/api/v1/users', { email, displayName: key, password: PASSWORD, ...spec }),
    );
    users[key] = { id: user.id, client: await ApiClient.signedIn(baseUrl, email, PASSWORD) };
  }
  const banks = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID() };
  await created(
    admin.post('/api/v1/banks', {
      id: banks.a1,
      regionId: regions.a,
      code: 'BC-A1',
      name: 'Banco Warmi',
      facilitatorId: users.facA.id,
    }),
  );
  await created(
    admin.post('/api/v1/banks', {
      id: banks.a2,
      regionId: regions.a,
      code: 'BC-A2',
      name: 'Banco Sumaq',
      facilitatorId: users.facA2.id,
    }),
  );
  await created(
    admin.post('/api/v1/banks', {
      id: banks.b1,
      regionId: regions.b,
      code: 'BC-B1',
      name: 'Banco Inti',
      facilitatorId: users.facB.id,
    }),
  );
  return { admin, regions, users, banks };
}

export function members(count: number, prefix = 'S') {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    memberCode: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    displayName: `Socia ${prefix}${i + 1}`,
    enrolledOn: '2026-03-01',
  }));
}
