import type { z } from 'zod';
import type { Aid } from './aid.ts';

interface WithAids {
  materials: { item: string }[];
  aids: Aid[];
}

/**
 * Rules between a session's aids and the rest of it, which one aid's schema cannot see:
 * aid ids are unique in the session (the PDF and a translation refer to them), and `forMaterial`
 * names a material the session really lists, so the panel can show the aid beside it.
 */
export function aidsRules(session: WithAids, ctx: z.core.$RefinementCtx<WithAids>): void {
  const seen = new Set<string>();
  const items = session.materials.map((m) => m.item);
  session.aids.forEach((aid, i) => {
    if (seen.has(aid.id))
      ctx.addIssue({
        code: 'custom',
        path: ['aids', i, 'id'],
        params: { rule: 'aid-id-unique' },
        message: `"${aid.id}" is already the id of another aid of this session — choose another`,
      });
    seen.add(aid.id);
    if (aid.forMaterial !== undefined && !items.includes(aid.forMaterial))
      ctx.addIssue({
        code: 'custom',
        path: ['aids', i, 'forMaterial'],
        params: { rule: 'aid-for-material' },
        message:
          `"${aid.forMaterial}" is not the item of any material of this session — copy the item exactly ` +
          `from materials (${items.map((t) => `"${t}"`).join(', ') || 'none'}) or remove forMaterial`,
      });
  });
}
