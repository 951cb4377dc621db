import { z } from 'zod';

/**
 * The fields a translation must copy unchanged from its source page: ids, minutes, order,
 * audiences, completion rules. Change one and the translated site teaches another session than
 * the one attendance is recorded against. The tag sits on the schema field itself, so a new fixed
 * field is declared in one place; translations.ts reads the tags with `fixedFieldsOf`.
 *
 * A registry of its own rather than `.meta()`: global metadata goes into every JSON Schema made
 * with z.toJSONSchema (the catalog's), and this rule is about content, not about the published shape.
 */
const fixedInTranslationRegistry = z.registry<{ fixedInTranslation: true }>();

/**
 * The same field, tagged as fixed in translation. A copy is tagged, not the schema passed in:
 * shared pieces such as `idSchema` are used by fields a translation may change too.
 */
export function fixedInTranslation<T extends z.ZodType>(field: T): T {
  const tagged = field.clone();
  fixedInTranslationRegistry.add(tagged, { fixedInTranslation: true });
  return tagged;
}

/** Whether a field is tagged, looking through `.optional()`, `.default()` and `.nullable()` wrappers. */
function isFixed(field: z.core.$ZodType): boolean {
  if (fixedInTranslationRegistry.has(field)) return true;
  const inner = (field._zod.def as { innerType?: z.core.$ZodType }).innerType;
  return inner ? isFixed(inner) : false;
}

/** The names of an object schema's fields that a translation may not change, in declaration order. */
export function fixedFieldsOf(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => isFixed(field))
    .map(([name]) => name);
}
