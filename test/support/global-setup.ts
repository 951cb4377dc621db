import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

// One PostgreSQL cluster for the whole run; each test file creates its own databases in it.
export default function setup(project: TestProject) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const cluster = startCluster(port);
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
