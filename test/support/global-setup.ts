import type { TestProject } from 'vitest/node';
import { startClusterOnFreePort } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

// One PostgreSQL cluster for the whole run; each test file creates its own databases in it.
export default async function setup(project: TestProject) {
  const cluster = await startClusterOnFreePort();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
