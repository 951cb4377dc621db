// The offline page's list of what this phone has saved: one link per complete programme copy,
// to its landing page (which is in the copy). Titles are written with textContent only.
import { savedCopies } from './saved.ts';

const list = document.querySelector<HTMLUListElement>('[data-saved-list]');
const nothing = document.querySelector<HTMLElement>('[data-nothing-saved]');

async function show() {
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

void show();
