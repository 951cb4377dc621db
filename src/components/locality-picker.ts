import type { LocalServicesFile, ServiceLine } from './local-services/data.ts';

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

/** The services file a picker names, fetched once per page and then from the phone's cache. */
const files = new Map<string, Promise<LocalServicesFile | undefined>>();
function servicesFile(href: string): Promise<LocalServicesFile | undefined> {
  let file = files.get(href);
  if (!file) {
    // No cookie with it: the file is public, the same for everyone.
    file = fetch(href, { credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<LocalServicesFile>) : undefined))
      .catch(() => undefined);
    files.set(href, file);
  }
  return file;
}

/** One service as LocalService.astro renders it, built from text nodes only (the file is data, never markup). */
function serviceItem(service: ServiceLine, phoneLabel: string): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.kind = service.kind;
  const name = document.createElement('strong');
  name.textContent = service.name;
  li.append(name, `: ${service.place}`);
  if (service.phone) {
    const link = document.createElement('a');
    link.href = `tel:${service.phone.replaceAll(' ', '')}`;
    link.textContent = service.phone;
    li.append(` ${phoneLabel}: `, link);
  }
  if (service.details) {
    const details = document.createElement('span');
    details.textContent = service.details;
    li.append(document.createElement('br'), details);
  }
  return li;
}

/**
 * Fills a picker's list with the chosen locality's offices of the kinds the page refers to (all
 * of them where the page names none), in the page's order of kinds. Empty, hidden: no choice,
 * no file, or nothing local of those kinds. Returns whether anything local is shown.
 */
async function fill(picker: HTMLElement, list: HTMLElement, id: string): Promise<boolean> {
  const file = id && picker.dataset.servicesHref ? await servicesFile(picker.dataset.servicesHref) : undefined;
  // She may have chosen again while the file came: the latest choice fills the list.
  if (picker.querySelector<HTMLSelectElement>('[data-locality-select]')?.value !== id) return !list.hidden;
  const locality = file?.localities[id];
  const kinds = picker.dataset.kinds?.split(' ');
  const services = locality
    ? kinds
      ? kinds.flatMap((kind) => locality.services.filter((s) => s.kind === kind))
      : locality.services
    : [];
  list.replaceChildren();
  list.hidden = services.length === 0;
  if (!locality || services.length === 0) return false;
  const heading = document.createElement('p');
  heading.className = 'locality-heading';
  heading.textContent = locality.heading;
  const ul = document.createElement('ul');
  ul.className = 'safety-referrals';
  ul.append(...services.map((s) => serviceItem(s, file.phone)));
  list.append(heading, ul);
  return true;
}

/** Shows the chosen locality's services (and the pickers, the sheet link), hides the others. */
async function show(root: Document, wanted: string): Promise<void> {
  const selects = [...root.querySelectorAll<HTMLSelectElement>('[data-locality-select]')];
  const known = selects.some((s) => [...s.options].some((o) => o.value === wanted));
  const id = known ? wanted : '';
  const filled: Promise<boolean>[] = [];
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
    const list = picker.nextElementSibling;
    if (list instanceof HTMLElement && list.matches('[data-locality-services]')) filled.push(fill(picker, list, id));
  }
  const anyLocal = (await Promise.all(filled)).some(Boolean);
  // "Nationwide" heads the national list only when local services are shown above it.
  for (const heading of root.querySelectorAll<HTMLElement>('[data-locality-national]')) heading.hidden = !anyLocal;
}

/** Wires every picker on the page to the stored choice; a change applies to the whole page at once. */
export function followLocalityPicker(root: Document): void {
  void show(root, readChoice());
  for (const select of root.querySelectorAll<HTMLSelectElement>('[data-locality-select]'))
    select.addEventListener('change', () => {
      saveChoice(select.value);
      void show(root, select.value);
    });
}
