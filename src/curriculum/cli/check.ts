// `npm run check [-- --json] [-- --root DIR]`: checks the content and exits 1 on any error.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../check.ts';
import { formatContentError, formatContentErrors } from '../content-error.ts';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, root: { type: 'string', default: '.' } },
});
const result = checkContent(resolve(values.root));

if (values.json) {
  process.stdout.write(
    JSON.stringify({ ok: result.errors.length === 0, errors: result.errors, warnings: result.warnings }, null, 2) +
      '\n',
  );
} else if (result.errors.length) {
  process.stderr.write(formatContentErrors(result.errors) + '\n');
} else {
  for (const warning of result.warnings) process.stderr.write(`  ! warning: ${formatContentError(warning)}\n`);
  const c = result.curriculum;
  process.stdout.write(
    `Content OK: ${c?.programmes.length} programmes, ${c?.manuals.length} manuals, ${c?.sessions.length} sessions.\n`,
  );
}
process.exitCode = result.errors.length ? 1 : 0;
