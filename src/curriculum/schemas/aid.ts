import { z } from 'zod';
import { idSchema, nonEmptyText } from './common.ts';
import { pictograms, type Pictogram } from './pictograms.ts';

/** How an aid is laid out on A4 paper; `src/print/aids/layout.ts` says how many fit a page. */
export const aidKinds = {
  cards: 'Tarjetas para recortar: 4 por hoja, con línea de corte',
  sign: 'Cartel: una palabra o frase corta por hoja, en letra muy grande',
  poster: 'Afiche: todas sus partes en una hoja, cada una con su dibujo',
  pictograms: 'Dibujos con una palabra debajo: 6 por hoja, con línea de corte',
} as const;

export type AidKind = keyof typeof aidKinds;

/**
 * A sign is read from the back of the room, in type of 120 pt on a landscape A4 sheet: about 8
 * capital letters fit a line and two lines fit under the picture.
 */
export const MAX_SIGN_CHARACTERS = 16;
export const MAX_SIGN_WORD_CHARACTERS = 8;
/** A poster puts all its parts on one sheet: more than this and each part gets too small to see. */
export const MAX_POSTER_ITEMS = 6;
/**
 * The most letters each kind holds on one card or part in its large type (28 pt on a quarter of
 * A4 for cards, a sixth for pictograms): more would run out of its box. Signs are counted above.
 */
export const MAX_TEXT_CHARACTERS: Record<Exclude<AidKind, 'sign'>, number> = { cards: 70, poster: 40, pictograms: 36 };

const pictureNames = Object.keys(pictograms) as [Pictogram, ...Pictogram[]];

/**
 * One card, sign, part of a poster or pictogram. Strict: in YAML's short form
 * `{ text: Se orina, no duerme, picture: cama }` each comma starts a new field, so an unquoted
 * comma would silently cut the text; an unknown field is an error that says so.
 */
export const aidItemSchema = z.strictObject({
  /** What is written on it, in short words: "Le jala el cabello", "VERDAD". */
  text: nonEmptyText,
  /** The name of a drawing from the closed set in `pictograms.ts` (e.g. mano, casa, telefono-100). */
  picture: z.enum(pictureNames).optional(),
});

/**
 * A printable visual aid of a session: cards, a sign, a poster or pictograms the facilitator would
 * otherwise draw by hand. Written in the session's frontmatter under `aids:`, e.g.
 *
 *   aids:
 *     - id: carteles
 *       title: Carteles VERDAD y MENTIRA
 *       kind: sign
 *       forMaterial: Carteles VERDAD y MENTIRA
 *       items:
 *         - { text: VERDAD, picture: si }
 *         - { text: MENTIRA, picture: no }
 */
export const aidSchema = z
  .strictObject({
    /** Stable id, unique within the session, e.g. "tarjetas-ejemplos". A translation keeps it. */
    id: idSchema,
    /** What the facilitator calls it, printed small on each page: "Tarjetas de ejemplos". */
    title: nonEmptyText,
    /** How it is printed: cards, sign, poster or pictograms (see `aidKinds`). */
    kind: z.enum(Object.keys(aidKinds) as [AidKind, ...AidKind[]]),
    /** The cards, signs or parts, in order. At least one. */
    items: z
      .array(aidItemSchema)
      .min(1, { error: 'needs at least one item — add the cards or signs to print, or remove the aid' }),
    /**
     * The `item` of the session's material this aid replaces, written exactly as in `materials:`.
     * The panel shows the printable aid next to that material. Leave it out for an aid of its own.
     */
    forMaterial: nonEmptyText.optional(),
  })
  .superRefine((aid, ctx) => {
    if (aid.kind === 'sign')
      aid.items.forEach((item, i) => {
        const longWord = item.text.split(/\s+/).find((word) => word.length > MAX_SIGN_WORD_CHARACTERS);
        if (item.text.length > MAX_SIGN_CHARACTERS || longWord)
          ctx.addIssue({
            code: 'custom',
            params: { rule: 'aid-fits-kind' },
            path: ['items', i, 'text'],
            message: longWord
              ? `"${longWord}" is too long for a sign: at most ${MAX_SIGN_WORD_CHARACTERS} letters a word — ` +
                'use a shorter word or make the aid kind: cards'
              : `a sign holds at most ${MAX_SIGN_CHARACTERS} letters so it can be read from the back of the room — ` +
                'shorten it or make the aid kind: cards',
          });
      });
    if (aid.kind !== 'sign')
      aid.items.forEach((item, i) => {
        const max = MAX_TEXT_CHARACTERS[aid.kind as Exclude<AidKind, 'sign'>];
        if (item.text.length > max)
          ctx.addIssue({
            code: 'custom',
            params: { rule: 'aid-fits-kind' },
            path: ['items', i, 'text'],
            message:
              `has ${item.text.length} letters but ${aid.kind} hold at most ${max} in their large type — ` +
              'shorten it',
          });
      });
    if (aid.kind === 'pictograms')
      aid.items.forEach((item, i) => {
        if (!item.picture)
          ctx.addIssue({
            code: 'custom',
            params: { rule: 'aid-fits-kind' },
            path: ['items', i, 'picture'],
            message:
              `is missing — a pictogram is a drawing first: add one of ${pictureNames.join(', ')}, ` +
              'or make the aid kind: cards',
          });
      });
    if (aid.kind === 'poster' && aid.items.length > MAX_POSTER_ITEMS)
      ctx.addIssue({
        code: 'custom',
        params: { rule: 'aid-fits-kind' },
        path: ['items'],
        message:
          `a poster holds at most ${MAX_POSTER_ITEMS} parts on its sheet but has ${aid.items.length} — ` +
          'split it or make the aid kind: cards',
      });
  });

export type Aid = z.output<typeof aidSchema>;
export type AidItem = z.output<typeof aidItemSchema>;
