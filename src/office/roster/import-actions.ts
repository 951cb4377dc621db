import { contracts, MAX_ROSTER_CSV_BYTES } from '../../api/v1/contracts.ts';
import type { z } from 'zod';
import type { rosterPreviewSchema } from '../../attendance/api-schemas.ts';
import { importRoster, previewRoster } from '../../attendance/members/member.service.ts';
import type { OfficeContext } from '../context.ts';
import { perform } from '../perform.ts';
import { refused, rosterUrl, type ActionResult } from './roster-actions.ts';

/**
 * The import page's form cap: the file as uploaded (at most MAX_ROSTER_CSV_BYTES), or, at the
 * confirm step, the same bytes written in base64 (4 characters for every 3 bytes), with room for
 * the form's other fields.
 */
export const IMPORT_FORM_BYTES = Math.ceil(MAX_ROSTER_CSV_BYTES / 3) * 4 + 64 * 1024;

export type Preview = z.output<typeof rosterPreviewSchema>;

export interface ImportResult {
  preview?: Preview;
  /** The file's bytes in base64, carried by the confirm form: never in the address. */
  content?: string;
  refusal?: ActionResult;
}

/**
 * The two steps of an import. `preview`: the uploaded file is read and every row judged, nothing
 * saved. `import`: the same bytes, sent back from a hidden field, are imported through the API's
 * contract (all rows or none), then the page goes back to the roster with the count.
 */
export async function importAction(ctx: OfficeContext): Promise<Response | ImportResult | undefined> {
  const form = ctx.form;
  if (!form || !ctx.principal) return undefined;
  const action = form.get('action');
  const bankId = String(form.get('bankId') ?? '');
  const fail = (code: 'invalid_request' | 'payload_too_large', key: string): ImportResult => {
    ctx.astro.response.status = code === 'payload_too_large' ? 413 : 400;
    return {
      refusal: {
        notice: { kind: 'error', error: { code, field: 'file', message: ctx.t(key) } },
        form: 'import',
        posted: {},
      },
    };
  };
  let bytes: Uint8Array;
  if (action === 'preview') {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return fail('invalid_request', 'office.import.noFile');
    if (file.size > MAX_ROSTER_CSV_BYTES) return fail('payload_too_large', 'office.import.tooLarge');
    bytes = new Uint8Array(await file.arrayBuffer());
  } else if (action === 'import') {
    bytes = Buffer.from(String(form.get('content') ?? ''), 'base64');
    if (bytes.length === 0) return fail('invalid_request', 'office.import.noFile');
    if (bytes.length > MAX_ROSTER_CSV_BYTES) return fail('payload_too_large', 'office.import.tooLarge');
  } else {
    return undefined;
  }
  if (action === 'preview') {
    const outcome = await perform(ctx, contracts.previewMembers, { params: { bankId }, body: bytes }, (i) =>
      previewRoster(ctx.db, i.principal, i.params.bankId, i.body),
    );
    if (!outcome.ok) return { refusal: refused(ctx, outcome, 'import', {}) };
    return { preview: outcome.value, content: Buffer.from(bytes).toString('base64') };
  }
  const outcome = await perform(ctx, contracts.importMembers, { params: { bankId }, body: bytes }, (i) =>
    importRoster(ctx.db, i.principal, i.params.bankId, i.body, ctx.address),
  );
  if (outcome.ok)
    return ctx.astro.redirect(rosterUrl(ctx, bankId, { hecho: 'imported', n: String(outcome.value.created) }), 303);
  // The roster changed between the preview and the confirmation (or the file did): judge it again.
  const again = await perform(ctx, contracts.previewMembers, { params: { bankId }, body: bytes }, (i) =>
    previewRoster(ctx.db, i.principal, i.params.bankId, i.body),
  );
  return {
    refusal: refused(ctx, outcome, 'import', {}),
    ...(again.ok ? { preview: again.value, content: Buffer.from(bytes).toString('base64') } : {}),
  };
}
