// `npm run new-organisation -- --name "Caja Andina" --country BO --dir ../caja-andina [--manuals gv,…]`
// Starts another organisation's copy of this curriculum: a content root that builds at once with
// TEJIDO_CONTENT_ROOT=<dir> npm run build, its sessions adaptations that point at this curriculum.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newOrganisation } from '../new-organisation/create.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    country: { type: 'string' },
    dir: { type: 'string' },
    manuals: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const usage =
  'usage: npm run new-organisation -- --name "Caja Andina" --country BO --dir ../caja-andina [--manuals gv,…]';
if (!values.name || !values.country || !values.dir) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
try {
  const result = newOrganisation({
    upstreamRoot: process.cwd(),
    name: values.name,
    country: values.country,
    dir: resolve(values.dir),
    manuals: values.manuals
      ?.split(',')
      .map((m) => m.trim())
      .filter(Boolean),
    force: values.force,
  });
  process.stdout.write(
    `Created ${result.dir}: ${result.manuals.length} manuals (${result.manuals.join(', ')}), ` +
      `${result.sessions} sessions as adaptations of ${result.upstream}.\n` +
      `Next: fill in every "POR COMPLETAR" in ${result.referrals} (npm run check -- --root ${result.dir} lists them),\n` +
      `then build it: TEJIDO_CONTENT_ROOT=${result.dir} npm run build\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
