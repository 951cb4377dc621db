import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { projectRoot } from '../support/content-root.ts';
import { PASSWORD } from '../support/api-world.ts';

/** Names no page of the curriculum contains, so finding one in storage can only mean a leak. */
export const NAME_MARK = 'Zenaida';

export function roster(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    memberCode: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    displayName: `${NAME_MARK} ${prefix}${i + 1} Quispe`,
    enrolledOn: '2026-03-01',
  }));
}

export async function addMembers(client: ApiClient, bankId: string, members: ReturnType<typeof roster>) {
  const response = await client.post(`/api/v1/banks/${bankId}/members`, { members });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export const screenshotPath = (name: string) => {
  const dir = join(projectRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
};

/** Signs in on the attendance screen as a seeded user (seedWorld's e-mails) and waits for her roster. */
export async function signInOnScreen(page: Page, baseUrl: string, user: string) {
  await page.goto(`${baseUrl}/asistencia/`);
  await page.locator('#sign-in input[name=email]').fill(`${user.toLowerCase()}@tejido.test`);
  await page.locator('#sign-in input[name=password]').fill(PASSWORD);
  await page.locator('#sign-in button[type=submit]').click();
  await expect.poll(() => page.locator('#roster button.member').count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

/**
 * Resolves once the service worker is active, i.e. its core (the attendance screen and the
 * offline page) is in Cache Storage. The attendance screen registers it; other pages do not.
 */
export async function offlineCopyReady(page: Page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });
}

/** Opens a page of a programme and taps "Guardar para usar sin señal", until the copy is complete. */
export async function saveProgrammeCopy(page: Page, url: string) {
  await page.goto(url);
  const control = page.locator('[data-offline-save]');
  await expect.poll(() => control.isVisible()).toBe(true);
  await control.locator('[data-save]').click();
  await expect.poll(() => control.getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
}

/** Everything the origin keeps in the browser — IndexedDB, localStorage, Cache Storage — as text. */
export async function browserStorageText(
  page: Page,
): Promise<{ indexedDb: string; localStorage: string; cacheStorage: string }> {
  return page.evaluate(async () => {
    const dumps: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        dumps.push(`${info.name}/${store}: ${JSON.stringify(rows)}`);
      }
      db.close();
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        cached.push(`${request.url}\n${response ? await response.text() : ''}`);
      }
    }
    return {
      indexedDb: dumps.join('\n'),
      localStorage: JSON.stringify({ ...localStorage }),
      cacheStorage: cached.join('\n'),
    };
  });
}
