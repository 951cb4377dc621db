// `npm run bench [-- --only site|scale|api|backup]`: one table of measured figures. It builds the site itself.
import { benchApi } from './api.ts';
import { benchBackup } from './backup.ts';
import { benchSite } from './site.ts';
import { benchSearch } from './search.ts';
import { benchPdf } from './print.ts';
import { benchField } from './field.ts';
import { benchScale } from './scale.ts';
import { printTable, type Row } from './table.ts';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const rows: Row[] = [];
if (!only || only === 'site') {
  rows.push(...(await benchSite()));
  rows.push(...(await benchSearch('dist')));
  rows.push(...(await benchPdf('dist')));
  rows.push(...(await benchField('dist')));
}
// Builds a 1× and a 10× curriculum of its own (dist-bench-*), so it runs after the figures read from dist/.
if (!only || only === 'scale') rows.push(...(await benchScale()));
if (!only || only === 'api') for (const kind of ['sqlite', 'postgresql'] as const) rows.push(...(await benchApi(kind)));
if (!only || only === 'backup')
  for (const kind of ['sqlite', 'postgresql'] as const) rows.push(...(await benchBackup(kind)));
printTable(rows);
