import { sql, type RawBuilder } from 'kysely';

/**
 * A leader is trained when she attended every day of her workshop. The one definition, used by
 * the workshop list and by the indicators, over a participation aliased `wp` joined to `workshops`.
 */
export const leaderTrained: RawBuilder<boolean> = sql<boolean>`wp.days_attended >= workshops.days`;
