import { contracts } from '../../api/v1/contracts.ts';
import { readIndicators } from '../../attendance/indicators/read-indicators.ts';
import { figureNames, type FigureCells } from '../../attendance/indicators/indicator.service.ts';
import { bankWork, sumWork, type BankWork } from '../../attendance/indicators/bank-work.ts';
import { listBanks, listRegions } from '../../attendance/organisation/organisation.service.ts';
import { periodsFor, type ReportingPeriod } from '../../attendance/disclosure/periods.ts';
import type { Principal } from '../../attendance/principal.ts';
import type { OfficeContext } from '../context.ts';
import { perform, type OfficeError } from '../perform.ts';

/** The columns of the bank and region tables, in order: the protected figures, then the facilitator's work. */
export const columns = [...figureNames, 'sessionsDelivered', 'lastSync'] as const;
export type Column = (typeof columns)[number];

export interface Row {
  id: string;
  code: string;
  name: string;
  figures: FigureCells;
  work: BankWork;
  /** Nothing recorded yet: no women, no meeting, no activity. */
  empty: boolean;
}

const nothing = (f: FigureCells, w: BankWork) =>
  f.enrolled === 0 && f.activities === 0 && w.sessionsDelivered === 0 && w.lastSync === null;

/**
 * What the indicators page shows: the same readIndicators call as GET /api/v1/indicators (under
 * its contract, for the same reader), so every count of women above the facilitator is a cell of
 * the one protected table; per bank, and for the admin per region too. Meetings held and the
 * last sync come from bankWork (bank-work.ts says why they need no protection).
 */
export async function indicatorsPage(ctx: OfficeContext, principal: Principal) {
  const curriculum = await ctx.curriculum();
  const programmes = [...curriculum.programmes].map(([id, p]) => ({ id, title: p.title }));
  const q = ctx.astro.url.searchParams;
  const programmeId = programmes.find((p) => p.id === q.get('programa'))?.id ?? programmes[0]?.id;
  const periods = periodsFor(principal);
  const period: ReportingPeriod = periods.find((p) => p === q.get('periodo')) ?? periods[0] ?? 'programme-to-date';
  const [from, to] = [q.get('desde') || undefined, q.get('hasta') || undefined];
  const dates: { from?: string; to?: string } =
    period === 'chosen-dates' ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : {};
  const base = { programmes, programmeId, periods, period, dates, hideUpTo: curriculum.disclosure.hideUpTo };
  if (!programmeId) return { ...base, error: undefined, result: undefined };

  const read = (groupBy: 'bank' | 'region') =>
    perform(ctx, contracts.indicators, { query: { programmeId, groupBy, ...dates } }, ({ principal, query }) =>
      readIndicators(ctx.db, principal, curriculum, query, ctx.address),
    );
  const byBank = await read('bank');
  if (!byBank.ok) return { ...base, error: byBank.error as OfficeError, result: undefined };
  // The region table is the admin's: a coordinator's one region is her total already.
  const byRegion = principal.role === 'admin' ? await read('region') : undefined;
  if (byRegion && !byRegion.ok) return { ...base, error: byRegion.error, result: undefined };

  const sessionIds = [...curriculum.sessions].filter(([, s]) => s.programme === programmeId).map(([id]) => id);
  const [banks, regions, work] = await Promise.all([
    listBanks(ctx.db, principal),
    listRegions(ctx.db, principal),
    bankWork(ctx.db, principal, sessionIds, base.dates),
  ]);
  const workOf = (bankId: string) => work.get(bankId) ?? { sessionsDelivered: 0, lastSync: null };
  const bankRows: Row[] = (byBank.value.groups ?? []).map((g) => {
    const bank = banks.find((b) => b.id === g.id);
    return {
      id: g.id,
      code: g.code,
      name: bank?.name ?? '',
      figures: g.figures,
      work: workOf(g.id),
      empty: nothing(g.figures, workOf(g.id)),
    };
  });
  const regionRows = byRegion?.ok
    ? regions.map((r) => {
        const group = byRegion.value.groups?.find((g) => g.id === r.id);
        const w = sumWork(banks.filter((b) => b.regionId === r.id).map((b) => workOf(b.id)));
        return {
          id: r.id,
          code: r.code,
          name: r.name,
          figures: group?.figures,
          work: w,
          empty: !group || nothing(group.figures, w),
        };
      })
    : undefined;
  const totalWork = sumWork(banks.map((b) => workOf(b.id)));
  return {
    ...base,
    error: undefined,
    result: {
      programme: byBank.value.programme,
      suppressed: byBank.value.suppressed,
      banks: bankRows,
      regions: regionRows,
      total: { figures: byBank.value.total, work: totalWork },
      csv: (groupBy: 'bank' | 'region') =>
        `/api/v1/exports/indicators.csv?${new URLSearchParams({ programmeId, groupBy, ...dates })}`,
    },
  };
}
