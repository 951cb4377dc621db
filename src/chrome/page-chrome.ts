// The interactive bits of every page's chrome, in Astro's one page script (injected by
// src/chrome/integration.ts) instead of a script file each: on a first visit each file costs a
// request, ~0.3 KB of headers, for 0.4–2.5 KB of code (issue 13). src/chrome/component-scripts.ts
// takes the same scripts out of Starlight's templates. Where a page lacks an element, its
// custom element is defined and never used, and the district picker finds nothing to follow.
import { StarlightTOC } from '../../node_modules/@astrojs/starlight/dist/components-internals/TableOfContents/starlight-toc.js';
import { followLocalityPicker } from '../components/locality-picker.ts';

// As Starlight 0.42's PageFrame.astro: the phone's menu is a popover that opens and closes without
// JavaScript; this removes it on wide screens and keeps the keyboard inside the menu while open.
class StarlightSidebarPane extends HTMLElement {
  constructor() {
    super();
    const desktop = matchMedia('(min-width: 50em)');
    const resetPopover = () => {
      this.popover = desktop.matches ? null : 'auto';
    };
    resetPopover();
    desktop.addEventListener('change', resetPopover);
    this.addEventListener('toggle', (e) => this.trapFocus((e as ToggleEvent).newState === 'open'));
  }
  trapFocus(trap: boolean) {
    for (const el of document.querySelectorAll<HTMLElement>('.main-frame, .sl-skip-link'))
      el.toggleAttribute('inert', trap);
  }
}

// As Starlight 0.42's MobileTableOfContents.astro: "En esta página" on a phone shows the current
// heading and closes on a link, a tap outside it or Escape. Importing StarlightTOC also defines
// <starlight-toc>, the wide-screen list (src/chrome/TableOfContents.astro).
class MobileStarlightTOC extends StarlightTOC {
  override set current(link: HTMLAnchorElement) {
    super.current = link;
    const display = this.querySelector<HTMLSpanElement>('.display-current');
    if (display) display.textContent = link.textContent;
  }
  constructor() {
    super();
    const details = this.querySelector('details');
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    for (const a of details.querySelectorAll('a')) a.addEventListener('click', close);
    addEventListener('click', (e) => {
      if (!details.contains(e.target as Node)) close();
    });
    addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }
}

customElements.define('sl-sidebar-pane', StarlightSidebarPane);
customElements.define('mobile-starlight-toc', MobileStarlightTOC);
followLocalityPicker(document);
