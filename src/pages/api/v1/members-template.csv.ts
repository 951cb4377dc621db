import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { templateHeader } from '../../../attendance/members/roster-csv.ts';

export const prerender = false;

// With a UTF-8 byte order mark, so that Excel opens the accents of "código" right; the header only,
// so that no example row is ever imported as a woman.
export const GET = endpoint(
  contracts.memberTemplate,
  async ({ query }) =>
    `\uFEFF${templateHeader(query.lang ?? (organisation.defaultLanguage === 'en' ? 'en' : 'es'))}\r\n`,
);
