import { cpSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');
export const fixtures = join(projectRoot, 'test', 'fixtures');

/** A throwaway copy of the minimal valid content, with the session replaced by a broken one. */
export function contentRootWithSession(brokenSessionFixture?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'tejido-content-'));
  cpSync(join(fixtures, 'minimal'), root, { recursive: true });
  if (brokenSessionFixture) {
    copyFileSync(
      join(fixtures, 'broken-content', brokenSessionFixture),
      join(root, 'content/docs/prog/manual/sesion-a.mdx'),
    );
  }
  return root;
}

/**
 * A throwaway copy of the minimal valid content with some files replaced by broken fixtures:
 * `{ 'content/referrals/pe.yaml': 'directory-without-confidentiality.yaml' }`.
 */
export function contentRootWith(replacements: Record<string, string>): string {
  const root = contentRootWithSession();
  for (const [target, fixture] of Object.entries(replacements))
    copyFileSync(join(fixtures, 'broken-content', fixture), join(root, target));
  return root;
}

/** A throwaway copy of the minimal content with its manual and session replaced by a fixture folder's. */
export function contentRootWithManual(brokenManualFolder: string): string {
  const root = contentRootWithSession();
  for (const file of ['index.mdx', 'sesion-a.mdx'])
    copyFileSync(
      join(fixtures, 'broken-content', brokenManualFolder, file),
      join(root, 'content/docs/prog/manual', file),
    );
  return root;
}
