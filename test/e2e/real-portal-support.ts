/**
 * Steps of the real-portal and adversarial scenarios (both browsers): real clicks on the controls of pages
 * built of components and frames, found by role and accessible name deeply (open shadow roots, same-origin
 * frames: test/e2e/shared/real-portal.ts), and answers in Aftaletjek's dialog.
 * Puppeteer clicks an element handle at its position, adding the offset of the frame it was looked up in.
 */
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { controlNames, controlsExpression, type ControlQuery } from './shared/real-portal';

/** The visible controls with this role and accessible name (in Aftaletjek's dialog when `inDialog`), in the page or frame. */
async function controls(scope: Page | Frame, query: ControlQuery, inDialog: boolean): Promise<ElementHandle<Element>[]> {
  const array = await scope.evaluateHandle(controlsExpression({ ...query, inDialog }));
  const properties = await array.getProperties();
  await array.dispose();
  return [...properties.values()].map((handle) => handle.asElement() as ElementHandle<Element>).filter(Boolean);
}

/**
 * A real click on THE control with this role and name: it fails unless exactly one such control is visible
 * (waiting for it up to the poll timeout), naming the controls the page has instead.
 */
export async function clickControl(scope: Page | Frame, query: ControlQuery, inDialog = false): Promise<void> {
  let found: ElementHandle<Element>[] = [];
  try {
    await expect
      .poll(async () => {
        await Promise.all(found.map((handle) => handle.dispose()));
        found = await controls(scope, query, inDialog);
        return found.length;
      })
      .toBe(1);
  } catch {
    expect.fail(
      `${found.length} ${query.role}s named "${query.name}"${inDialog ? ' in the dialog' : ''}; the page has: ${JSON.stringify(await controlNames(scope, query.role))}`,
    );
  }
  await found[0]!.click();
  await found[0]!.dispose();
}

/** A click on one of the buttons of Aftaletjek's dialog (in the page or frame that shows it). */
export const answerDialog = (scope: Page | Frame, label: string) => clickControl(scope, { role: 'button', name: label }, true);

/** The frame of `page` whose document is at `path`. */
export function frameAt(page: Page, path: string): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === path);
  if (!frame)
    throw new Error(
      `no frame at ${path}: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}
