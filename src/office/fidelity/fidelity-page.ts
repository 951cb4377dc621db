import { contracts } from '../../api/v1/contracts.ts';
import { readFidelity } from '../../attendance/fidelity/fidelity.service.ts';
import { QUARTER, quarterOf } from '../../attendance/fidelity/quarters.ts';
import type { OfficeContext } from '../context.ts';
import { perform } from '../perform.ts';

/** The quarters a reader may choose: this one and the seven before (two years), newest first. */
export function recentQuarters(now = new Date()): string[] {
  const quarters: string[] = [];
  for (let back = 0; back < 8; back++)
    quarters.push(quarterOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back * 3, 1))));
  return quarters;
}

/**
 * What the fidelity page shows: the same readFidelity call as GET /api/v1/fidelity, under its
 * contract, for the same reader (so every cell is one of the one protected table, and the read is
 * audited the same way). A GET form chooses the programme and the quarter.
 */
export async function fidelityPage(ctx: OfficeContext) {
  const curriculum = await ctx.curriculum();
  const programmes = [...curriculum.programmes].map(([id, p]) => ({ id, title: p.title }));
  const q = ctx.astro.url.searchParams;
  const programmeId = programmes.find((p) => p.id === q.get('programa'))?.id ?? programmes[0]?.id;
  const quarters = recentQuarters();
  const wanted = q.get('trimestre') ?? '';
  const quarter = QUARTER.test(wanted) ? wanted : (quarters[0] ?? quarterOf(new Date()));
  const base = {
    programmes,
    programmeId,
    quarters: quarters.includes(quarter) ? quarters : [quarter, ...quarters],
    quarter,
    hideUpTo: curriculum.disclosure.hideUpTo,
  };
  if (!programmeId) return { ...base, error: undefined, result: undefined };
  const read = await perform(ctx, contracts.fidelity, { query: { programmeId, quarter } }, ({ principal, query }) =>
    readFidelity(ctx.db, principal, curriculum, query, ctx.address),
  );
  if (!read.ok) return { ...base, error: read.error, result: undefined };
  return {
    ...base,
    error: undefined,
    result: read.value,
    csv: `/api/v1/exports/fidelity.csv?${new URLSearchParams({ programmeId, quarter })}`,
  };
}
