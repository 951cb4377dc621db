import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentError } from '../content-error.ts';
import { upstreamSnapshotSchema, type UpstreamSnapshot } from '../schemas/index.ts';
import { readYamlFile } from './from-disk.ts';

/** Where upstream snapshots live, relative to the content root. */
export const upstreamDir = 'content/upstream';

/**
 * Reads every upstream snapshot (content/upstream/<name>.json) under `root`, keyed by file name.
 * A content root without the folder has no adaptations to check, which is not an error.
 */
export function readUpstreamSnapshots(root: string): {
  snapshots: Map<string, { file: string; data: UpstreamSnapshot }>;
  errors: ContentError[];
} {
  const snapshots = new Map<string, { file: string; data: UpstreamSnapshot }>();
  const errors: ContentError[] = [];
  const dir = join(root, upstreamDir);
  if (!existsSync(dir)) return { snapshots, errors };
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = `${upstreamDir}/${name}`;
    // JSON is YAML, so the YAML reader gives the same line-located errors for a snapshot.
    const result = readYamlFile(root, file, upstreamSnapshotSchema, 'is missing');
    errors.push(...result.errors);
    if (result.data) snapshots.set(name.replace(/\.json$/, ''), { file, data: result.data });
  }
  return { snapshots, errors };
}
