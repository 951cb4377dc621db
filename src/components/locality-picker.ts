/**
 * The facilitator's district, chosen once on her phone. Kept in localStorage under one key and
 * never sent: no cookie, no request. A stored id the build no longer has counts as no choice.
 */
const KEY = 'tejido.locality';

function readChoice(): string {
  // Private modes and full storage throw: then the choice lasts as long as the page.
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

function saveChoice(id: string): void {
  try {
    if (id) localStorage.setItem(KEY, id);
    else localStorage.removeItem(KEY);
  } catch {
    /* see readChoice */
  }
}

/** Shows the chosen locality's services (and the pickers, the sheet link), hides the others. */
function show(root: ParentNode, wanted: string): void {
  const selects = [...root.querySelectorAll<HTMLSelectElement>('[data-locality-select]')];
  const known = selects.some((s) => [...s.options].some((o) => o.value === wanted));
  const id = known ? wanted : '';
  for (const picker of root.querySelectorAll<HTMLElement>('[data-locality-picker]')) {
    const select = picker.querySelector<HTMLSelectElement>('[data-locality-select]');
    const sheet = picker.querySelector<HTMLAnchorElement>('[data-locality-sheet]');
    if (!select) continue;
    select.value = id;
    const option = select.selectedOptions[0];
    if (sheet) {
      sheet.hidden = !id;
      if (id && option?.dataset.sheet) sheet.href = option.dataset.sheet;
    }
    picker.hidden = false;
  }
  let anyLocal = false;
  for (const group of root.querySelectorAll<HTMLElement>('[data-locality]')) {
    group.hidden = group.dataset.locality !== id;
    anyLocal ||= !group.hidden;
  }
  // "Nationwide" heads the national list only when local services are shown above it.
  for (const heading of root.querySelectorAll<HTMLElement>('[data-locality-national]')) heading.hidden = !anyLocal;
}

/** Wires every picker on the page to the stored choice; a change applies to the whole page at once. */
export function followLocalityPicker(root: Document): void {
  show(root, readChoice());
  for (const select of root.querySelectorAll<HTMLSelectElement>('[data-locality-select]'))
    select.addEventListener('change', () => {
      saveChoice(select.value);
      show(root, select.value);
    });
}
