// `npm run lint:content [-- --root DIR]`: one line per session with its figures; exit 1 on any problem.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lintContent, MAX_MEAN_SENTENCE_WORDS } from '../lint.ts';
import { formatContentErrors } from '../content-error.ts';

const { values } = parseArgs({ options: { root: { type: 'string', default: '.' } } });
const { rows, errors } = lintContent(resolve(values.root));

const mark = (ok: boolean) => (ok ? 'ok' : 'FAIL');
const header = ['session', 'minutes', 'short', 'aids', 'safety', 'words/sentence', 'result'];
const lines = rows.map((r) => [
  r.id,
  `${r.agendaMinutes}/${r.durationMinutes} ${mark(r.agendaMinutes === r.durationMinutes)}`,
  r.shortMinutes === undefined
    ? '—'
    : `${r.shortMinutes}/${r.shortDeclared} ${mark(r.shortMinutes === r.shortDeclared)}`,
  String(r.aids),
  r.touchesViolence
    ? `${r.hasDisclosureGuidance ? 'guidance' : 'NO GUIDANCE'}, ${r.referrals} referral(s) ${mark(r.hasDisclosureGuidance && r.referrals > 0)}`
    : '—',
  `${r.meanSentenceWords} ${mark(r.meanSentenceWords <= MAX_MEAN_SENTENCE_WORDS)}`,
  r.problems.length ? `FAIL: ${r.problems.join('; ')}` : 'ok',
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
const row = (cells: string[]) =>
  cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
console.log(row(header));
for (const l of lines) console.log(row(l));

const failing = rows.filter((r) => r.problems.length).length;
if (errors.length) console.error('\n' + formatContentErrors(errors));
console.log(`\n${rows.length} sessions, ${failing} with problems, ${errors.length} content error(s).`);
process.exitCode = failing || errors.length ? 1 : 0;
