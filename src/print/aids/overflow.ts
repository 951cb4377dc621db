import type { Page } from 'playwright-core';

/**
 * The items of a printed kit whose words or drawing do not fit their box. Each box has a fixed
 * size (aids.css) and hides what spills out, so a text too long for it would be cut off without
 * a second page to show it: the PDF step measures every box and fails naming the ones cut.
 * Returns "aid id, sheet n: text" per box that overflows.
 */
export async function overflowingAidItems(page: Page): Promise<string[]> {
  return page.$$eval('.aid-sheet', (sheets) =>
    sheets.flatMap((sheet) => {
      const where = `${(sheet as HTMLElement).dataset.aid}, sheet ${(sheet as HTMLElement).dataset.sheet}`;
      const boxes = [...sheet.querySelectorAll<HTMLElement>('.aid-item')];
      return boxes
        .filter((box) => {
          const inner = box.getBoundingClientRect();
          // A child drawn past the box's padding edge is cut off by overflow: hidden.
          return (
            [...box.children].some((child) => {
              const r = child.getBoundingClientRect();
              return (
                r.top < inner.top - 0.5 ||
                r.bottom > inner.bottom + 0.5 ||
                r.left < inner.left - 0.5 ||
                r.right > inner.right + 0.5
              );
            }) ||
            box.scrollHeight > box.clientHeight + 1 ||
            box.scrollWidth > box.clientWidth + 1
          );
        })
        .map((box) => `${where}: ${box.querySelector('.aid-text')?.textContent ?? ''}`);
    }),
  );
}
