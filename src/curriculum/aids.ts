import type { Aid } from './schemas/aid.ts';

/**
 * How many printable aids a session declares, for the content lint's report. Counts aids
 * (a set of cards is one aid), not sheets: the sheets are the print step's business.
 */
export function aidsCount(session: { aids?: readonly Aid[] }): number {
  return session.aids?.length ?? 0;
}

/** How many cards, signs, parts or pictograms a session's aids hold in all. */
export function aidItemsCount(session: { aids?: readonly Aid[] }): number {
  return (session.aids ?? []).reduce((n, aid) => n + aid.items.length, 0);
}

/**
 * What a translation of a session's aids must keep from the source: the same aids in the same
 * order, each with its id, kind, number of items and pictures. Only the words change, so the
 * printed kit in every language has the same pages and the same drawings.
 * Returns one `[field, message]` per difference, empty when they match.
 */
export function aidShapeDifferences(source: readonly Aid[] = [], copy: readonly Aid[] = []): [string, string][] {
  if (source.length !== copy.length)
    return [
      [
        'session.aids',
        `has ${copy.length} aids but the source has ${source.length} — ` +
          'translate each aid, keep their number and order',
      ],
    ];
  return source.flatMap((aid, i): [string, string][] => {
    const other = copy[i]!;
    const shape = (a: Aid) =>
      JSON.stringify({ id: a.id, kind: a.kind, pictures: a.items.map((item) => item.picture ?? null) });
    if (shape(aid) === shape(other)) return [];
    return [
      [
        `session.aids[${i}]`,
        `must keep the source's id, kind, number of items and pictures (${shape(aid)}) — translate the words only`,
      ],
    ];
  });
}
