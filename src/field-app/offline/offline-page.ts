// The offline page's list of what this phone has saved: one link per complete programme copy,
// to its landing page (which is in the copy). Titles are written with textContent only. Part of
// the script every page loads (src/field-app/register.ts); it acts only on the offline page.
import { savedCopies } from './saved.ts';

/** Fills the offline page's list, if this is the offline page. */
export async function listSavedCopies() {
  const list = document.querySelector<HTMLUListElement>('[data-saved-list]');
  const nothing = document.querySelector<HTMLElement>('[data-nothing-saved]');
  if (!list || !nothing) return;
  const complete = [...(await savedCopies()).values()].flatMap((c) => (c.manifest ? [c.manifest] : []));
  list.replaceChildren(
    ...complete.map((copy) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = copy.href;
      link.textContent = copy.title;
      item.append(link);
      return item;
    }),
  );
  nothing.hidden = complete.length > 0;
}
