// The faceted search page (/buscar/): Pagefind's JS API, no framework. Loaded by that page only.
// The page arrives with every session listed and the facets counted (drawn on the server from the
// curriculum); this script downloads Pagefind only when the visitor starts a search, runs the
// searches, updates the counts and shows the results with their minutes and audience.
// Words Pagefind does not know are left out rather than matched on a fragment (src/search/genuine.ts),
// and for them the page offers the nearest curriculum word ("¿Quisiste decir…?", src/search/suggest.ts).

import { isFallbackMatch, matchedWords } from './genuine.ts';
import { suggest, type Vocabulary } from './suggest.ts';
import { queryTerms } from './words.ts';

/** The part of Pagefind's JS API this page uses (https://pagefind.app/docs/api/). */
type FilterCounts = Record<string, Record<string, number>>;
type Filters = Record<string, { any: string[] }>;
interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text; `locations` are the indexes of its whitespace-separated words that matched. */
  content: string;
  locations: number[];
  meta: Record<string, string | undefined>;
}
interface PagefindSearch {
  results: { id: string; data: () => Promise<PagefindResultData> }[];
  filters: FilterCounts;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<FilterCounts>;
  search: (
    term: string | null,
    options: { filters?: Filters; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<PagefindSearch>;
}

/** Results drawn at once: each one is a download of its own (~4 KB), so a phone gets them in pages. */
const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 250;

class TejidoSearch extends HTMLElement {
  #pagefind?: Promise<Pagefind>;
  #vocabulary?: Promise<Vocabulary>;
  /** Per typed word: whether the index knows it (Pagefind's answer does not change while the page is open). */
  #known = new Map<string, Promise<boolean>>();
  #generation = 0;
  #pending: PagefindSearch['results'] = [];
  /** Whether the results on screen answer words (then they show excerpts) or only filters. */
  #withWords = false;
  #timer?: ReturnType<typeof setTimeout>;
  /** The list as the page arrived (every session, in reading order), shown again when the search is emptied. */
  #everything: Node[] = [];
  #everythingStatus = '';

  connectedCallback() {
    const form = this.querySelector('form')!;
    const input = this.#input();
    this.#everything = [...this.#list().childNodes].map((node) => node.cloneNode(true));
    this.#everythingStatus = this.querySelector('[data-status]')!.textContent ?? '';

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.#timer);
      void this.#run();
    });
    input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#run(), TYPING_PAUSE_MS);
    });
    // Start the download as soon as the visitor shows she is about to search.
    input.addEventListener('focus', () => void this.#load().catch(() => {}), { once: true });
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') void this.#run();
    });
    // The reset button clears the checkboxes (not the words), then searches again.
    form.addEventListener('reset', (event) => {
      event.preventDefault();
      for (const box of this.#boxes()) box.checked = false;
      void this.#run();
    });
    this.querySelector('[data-more]')!.addEventListener('click', () => void this.#showMore(true));

    // A shared or bookmarked search (?q=…&audience=…) runs at once.
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') ?? '';
    // Sent here by the header's magnifier with no words: she wants to type them.
    if (params.has('q') && !input.value) input.focus();
    for (const box of this.#boxes()) box.checked = params.getAll(box.name).includes(box.value);
    if (this.#boxes().some((box) => box.checked)) this.querySelector('details')!.open = true;
    for (const box of this.#boxes()) if (box.checked) box.closest('details')!.open = true;
    if (input.value || this.#boxes().some((box) => box.checked)) void this.#run();
  }

  #input = () => this.querySelector<HTMLInputElement>('input[type="search"]')!;
  #list = () => this.querySelector<HTMLOListElement>('[data-results]')!;
  #boxes = () => [...this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-filter]')];

  #load(): Promise<Pagefind> {
    return (this.#pagefind ??= (async () => {
      const bundle = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/pagefind.js`;
      const pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
      // No worker: one file less to download (~40 KB), and a curriculum's index is small enough
      // to search on the page's own thread without a pause.
      await pagefind.options({ excerptLength: 24, noWorker: true });
      // Loading the filters once makes every search also return its counts per facet value.
      await pagefind.filters();
      return pagefind;
    })().catch((error: unknown) => {
      this.#pagefind = undefined;
      throw error;
    }));
  }

  /** Pagefind filters for the checked boxes: any of the values within a facet, every facet at once. */
  #filters(leaveOut?: string): Filters {
    const filters: Filters = {};
    for (const box of this.#boxes()) {
      const name = box.dataset.filter!;
      if (!box.checked || name === leaveOut) continue;
      (filters[name] ??= { any: [] }).any.push(box.value);
    }
    // Only session pages have a length band: asking for any band keeps manuals and other pages out.
    filters[this.dataset.sessionsFilter!] ??= { any: JSON.parse(this.dataset.sessionsValues!) as string[] };
    return filters;
  }

  async #run() {
    const generation = ++this.#generation;
    const typed = this.#input().value.trim();
    const terms = queryTerms(typed);
    const checked = this.#boxes().filter((box) => box.checked);
    this.#remember(typed || null);
    this.querySelector('[data-active]')!.textContent = checked.length ? `(${checked.length})` : '';
    this.#suggestion(undefined);
    this.dataset.state = 'searching';

    if (typed && terms.length === 0) {
      this.#nothing(generation, this.dataset.tooShort!);
      return;
    }
    if (!typed && checked.length === 0) {
      this.#showEverything();
      return;
    }
    let pagefind: Pagefind;
    try {
      if (!this.#pagefind) this.#status(this.dataset.loading!);
      pagefind = await this.#load();
    } catch (error) {
      console.error(error);
      if (generation === this.#generation) this.#status(this.dataset.error!);
      this.dataset.state = 'error';
      return;
    }

    const known = await Promise.all(terms.map((word) => this.#isKnown(pagefind, word)));
    const unknown = terms.filter((_, i) => !known[i]);
    if (generation !== this.#generation) return;
    if (unknown.length > 0) void this.#offer(unknown, typed, generation);
    const term = terms.filter((_, i) => known[i]).join(' ') || null;
    if (typed && !term) {
      this.#nothing(generation, this.dataset.none!);
      return;
    }

    // With no words, list the sessions in reading order; with words, by relevance.
    const search = await pagefind.search(term, {
      filters: this.#filters(),
      ...(term ? {} : { sort: { position: 'asc' } }),
    });
    // A facet's own counts leave out its own checked values, so they say what checking one more
    // value would add (values within a facet are alternatives); the other facets narrow them.
    const counts: FilterCounts = {};
    for (const name of new Set(this.#boxes().map((box) => box.dataset.filter!))) {
      const narrowedByItself = checked.some((box) => box.dataset.filter === name);
      counts[name] =
        (narrowedByItself
          ? (await pagefind.search(term, { filters: this.#filters(name) })).filters[name]
          : search.filters[name]) ?? {};
    }
    if (generation !== this.#generation) return;

    for (const box of this.#boxes()) this.#count(box, counts[box.dataset.filter!]?.[box.value] ?? 0);
    const total = search.results.length;
    this.#status(
      total === 0
        ? this.dataset.none!
        : (total === 1 ? this.dataset.countOne! : this.dataset.countOther!).replace('{{count}}', String(total)),
    );
    this.#list().replaceChildren();
    this.#pending = search.results;
    this.#withWords = term !== null;
    await this.#showMore(false, generation);
  }

  /** Whether Pagefind knows the word, judged by what it matched for it alone (no filters). */
  #isKnown(pagefind: Pagefind, word: string): Promise<boolean> {
    let known = this.#known.get(word);
    if (!known) {
      known = (async () => {
        const first = (await pagefind.search(word, {})).results[0];
        if (!first) return false;
        const data = await first.data();
        return !isFallbackMatch(word, matchedWords(data.content, data.locations));
      })();
      this.#known.set(word, known);
    }
    return known;
  }

  /** No results: an empty list, every count at 0, and the reason. */
  #nothing(generation: number, reason: string) {
    if (generation !== this.#generation) return;
    for (const box of this.#boxes()) this.#count(box, 0);
    this.#list().replaceChildren();
    this.#pending = [];
    this.querySelector<HTMLButtonElement>('[data-more]')!.hidden = true;
    this.#status(reason);
    this.dataset.state = 'ready';
  }

  /** "¿Quisiste decir…?" for the words the index does not know, when a curriculum word is one typo away. */
  async #offer(unknown: string[], typed: string, generation: number) {
    try {
      this.#vocabulary ??= fetch(this.dataset.words!).then((response) => response.json() as Promise<Vocabulary>);
      const vocabulary = await this.#vocabulary;
      if (generation !== this.#generation) return;
      let corrected = typed;
      let changed = false;
      for (const word of unknown) {
        const better = suggest(word, vocabulary);
        if (!better) continue;
        corrected = corrected.replace(word, better);
        changed = true;
      }
      this.#suggestion(changed ? corrected : undefined);
    } catch {
      // Without the word list there is no suggestion; the search itself has answered.
      this.#vocabulary = undefined;
    }
  }

  /** Shows (or hides) the suggestion as a link that runs the corrected search. */
  #suggestion(corrected: string | undefined) {
    const box = this.querySelector<HTMLElement>('[data-suggestion]')!;
    box.hidden = corrected === undefined;
    if (corrected === undefined) return;
    const link = document.createElement('a');
    link.href = `?q=${encodeURIComponent(corrected)}`;
    link.textContent = corrected;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.#input().value = corrected;
      void this.#run();
    });
    const [before, after] = this.dataset.didYouMean!.split('{{words}}');
    box.replaceChildren(before ?? '', link, after ?? '');
  }

  /** Back to the page as it arrived: every session, counts over the whole curriculum. Nothing to download. */
  #showEverything() {
    for (const box of this.#boxes())
      this.#count(box, Number(box.closest('label')!.querySelector<HTMLElement>('[data-count]')!.dataset.all));
    this.#list().replaceChildren(...this.#everything.map((node) => node.cloneNode(true)));
    this.#status(this.#everythingStatus);
    this.#pending = [];
    this.querySelector<HTMLButtonElement>('[data-more]')!.hidden = true;
    this.dataset.state = 'ready';
  }

  #count(box: HTMLInputElement, count: number) {
    const label = box.closest('label')!;
    label.querySelector('[data-count]')!.textContent = `(${count})`;
    label.classList.toggle('is-empty', count === 0 && !box.checked);
  }

  /** Draws the next page of results; moves the focus to the first new one when asked from the "more" button. */
  async #showMore(focus: boolean, generation = this.#generation) {
    this.dataset.state = 'searching';
    const batch = this.#pending.slice(0, PAGE_SIZE);
    this.#pending = this.#pending.slice(PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (generation !== this.#generation) return;
    const items = data.map((result) => this.#item(result, this.#withWords));
    this.#list().append(...items);
    this.querySelector<HTMLButtonElement>('[data-more]')!.hidden = this.#pending.length === 0;
    if (focus) items[0]?.querySelector('a')?.focus();
    this.dataset.state = 'ready';
  }

  /** One result, in the same markup as the list the page arrives with. */
  #item(result: PagefindResultData, withWords: boolean): HTMLLIElement {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = result.url;
    link.textContent = result.meta.title ?? result.url;
    const facts = document.createElement('p');
    facts.className = 'search-result-facts';
    const names = JSON.parse(this.dataset.meta!) as { minutes: string; audience: string; summary: string };
    const minutes = result.meta[names.minutes];
    facts.textContent = [minutes && this.dataset.minutes!.replace('{{minutes}}', minutes), result.meta[names.audience]]
      .filter(Boolean)
      .join(' · ');
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result-excerpt';
    // Pagefind's excerpt is the page's own text, escaped, with <mark> around the matched words.
    // Without words there is nothing to point at: the session's summary says more.
    if (withWords) excerpt.innerHTML = result.excerpt;
    else excerpt.textContent = result.meta[names.summary] ?? '';
    item.append(link, facts, excerpt);
    return item;
  }

  #status(text: string) {
    this.querySelector('[data-status]')!.textContent = text;
  }

  /** Keeps the search in the address, so it can be shared, bookmarked and restored with "back". */
  #remember(term: string | null) {
    const params = new URLSearchParams();
    if (term) params.set('q', term);
    for (const box of this.#boxes()) if (box.checked) params.append(box.name, box.value);
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
}

customElements.define('tejido-search', TejidoSearch);
