import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { z } from 'zod';

/** What a backup says about itself, in `<copy>.json` beside it. */
export const manifestSchema = z.object({
  /** Always "tejido-backup": a JSON file of some other tool is not taken for one. */
  format: z.literal('tejido-backup'),
  /** The database it was taken from. */
  kind: z.enum(['sqlite', 'postgresql']),
  /** When the copy was started, ISO 8601 UTC. */
  takenAt: z.iso.datetime(),
  /** The Tejido version (package.json) that took it. */
  tejidoVersion: z.string(),
  /** The schema's latest migration in the copy: a restore refuses a copy newer than its code. */
  latestMigration: z.string().min(1),
  /** Size of the copy in bytes. */
  bytes: z.int().min(0),
  /** SHA-256 of the copy, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.output<typeof manifestSchema>;

export function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The Tejido version, read from package.json next to src/. */
export function tejidoVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}
