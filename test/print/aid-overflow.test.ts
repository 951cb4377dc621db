// The attacker's side of the kits: a text too long for its box is cut off silently by the box's
// `overflow: hidden`, with no second page to show it. The PDF step measures every box of every
// kit (src/print/aids/overflow.ts); here it must find the box someone overfilled, and only it.
import { expect, test } from 'vitest';
import { MAX_SIGN_CHARACTERS, MAX_TEXT_CHARACTERS } from '../../src/curriculum/schemas/aid.ts';
import { overflowingAidItems } from '../../src/print/aids/overflow.ts';
import { printPages } from '../../src/print/urls.ts';
import { sourceAidKits } from '../support/aid-kits.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const site = siteInBrowser();
const kits = sourceAidKits();
/** The first aid of a kind in the default language's kits, as `[session id, aid id]`: found in the content, not named. */
function firstOf(kind: string): [string, string] {
  for (const kit of kits.filter((k) => !k.lang)) {
    const aid = kit.aids.find((a) => a.kind === kind);
    if (aid) return [kit.sessionId, aid.id];
  }
  throw new Error(`no kit of the content has an aid of kind ${kind}: this test needs one`);
}

test('every box of every built kit holds its words and its drawing', async () => {
  const page = await site.browser.newPage();
  for (const kit of kits) {
    await page.goto(`${site.server.url}${printPages.aids(kit.sessionId, kit.lang)}`);
    expect(await overflowingAidItems(page), `${kit.sessionId} ${kit.lang ?? ''}`).toEqual([]);
  }
  await page.close();
});

test.each([
  ['a card', ...firstOf('cards')],
  ['a sign', ...firstOf('sign')],
  ['a part of a poster', ...firstOf('poster')],
  ['a pictogram', ...firstOf('pictograms')],
])(
  '%s given more words than the schema allows is reported, naming its aid and sheet',
  async (_what, sessionId, aidId) => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}${printPages.aids(sessionId)}`);
    // 199 letters: nearly three times what the schema lets a card hold (70).
    const long =
      'Vende la vaca sin preguntarle, se queda con la plata, después dice que ella la perdió en la feria ' +
      'y le grita delante de los hijos y de la suegra cuando ella le pregunta dónde está la plata de la vaca';
    await page.$eval(`[data-aid="${aidId}"] .aid-text`, (el, text) => void (el.textContent = text), long);
    expect(await overflowingAidItems(page)).toEqual([`${aidId}, sheet 1: ${long}`]);
    await page.close();
  },
);

test.each([
  ['a card', ...firstOf('cards'), MAX_TEXT_CHARACTERS.cards],
  ['a part of a poster', ...firstOf('poster'), MAX_TEXT_CHARACTERS.poster],
  ['a pictogram', ...firstOf('pictograms'), MAX_TEXT_CHARACTERS.pictograms],
  ['a sign', ...firstOf('sign'), MAX_SIGN_CHARACTERS],
])(
  '%s with the longest text the schema allows still fits its box, drawing included',
  async (what, sessionId, aidId, max) => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}${printPages.aids(sessionId)}`);
    const sentence = 'Tu esposo se va en la moto a la feria y no avisa cuándo vuelve, ni cuánto gasta de la plata';
    // A sign: the widest words it allows, in capitals (8 letters each, 16 in all).
    const text = what === 'a sign' ? 'NOSOTRAS PODEMOS' : sentence.slice(0, max);
    expect(text).toHaveLength(max);
    await page.$$eval(
      `[data-aid="${aidId}"] .aid-text`,
      (els, t) => els.forEach((el) => void (el.textContent = t)),
      text,
    );
    expect(await overflowingAidItems(page)).toEqual([]);
    await page.close();
  },
);
