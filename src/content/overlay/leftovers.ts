/**
 * What an earlier instance of the content script left in the page. When Firefox updates, reloads or
 * re-enables the extension it destroys the old content script without letting it clean up, and injects
 * the new one into the tabs already open: the old banner, marks and stylesheet would stay beside the new
 * ones (two banners, stale statuses). Chromium leaves the old script running until it notices, so there
 * this finds nothing. Called once, before the new instance adds anything.
 */
import { DESCRIPTION, descriptionWithout, UNPLACED_ATTR } from './badges';
import { AGREEMENT_ATTR, BADGE_ATTR, LABEL_ATTR, ROW_ATTR, STATUS_ATTR } from './marks';
import { writeAttribute } from './dom';
import { OWN_HOST_ATTRIBUTE } from './shadow';
import { deepQueryAll, shadowRootsIn } from '../read/tree';

const MARK_ATTRIBUTES = [AGREEMENT_ATTR, STATUS_ATTR, BADGE_ATTR, LABEL_ATTR, ROW_ATTR, UNPLACED_ATTR];
/** Set on <html> once the first full scan is done (a test hook); it must describe this instance. */
const SCANNED_ATTR = 'data-aftaletjek-scanned';

/** A constructed sheet of ours: its rules select on our data attributes, which no portal sheet does. */
function isOwnSheet(sheet: CSSStyleSheet): boolean {
  try {
    return [...sheet.cssRules].some((rule) => rule.cssText.includes(`[${BADGE_ATTR}`));
  } catch {
    return false;
  }
}

export function removeLeftovers(doc: Document): void {
  // An earlier instance marks <html> once it has scanned; only then can marks sit in the portal's open
  // shadow roots too, and only then is the page walked for them.
  const scanned = doc.documentElement.hasAttribute(SCANNED_ATTR);
  doc.documentElement.removeAttribute(SCANNED_ATTR);
  const shadowRoots = scanned ? shadowRootsIn(doc.documentElement) : [];
  // Banner and dialog hosts, and <style> fallbacks.
  for (const el of deepQueryAll(doc.documentElement, `[${OWN_HOST_ATTRIBUTE}]`, shadowRoots)) el.remove();
  for (const el of deepQueryAll(doc.documentElement, MARK_ATTRIBUTES.map((name) => `[${name}]`).join(','), shadowRoots)) {
    dropOwnDescription(el);
    for (const name of MARK_ATTRIBUTES) el.removeAttribute(name);
  }
  for (const tree of [doc, ...shadowRoots]) {
    try {
      const sheets = tree.adoptedStyleSheets;
      if (sheets.some(isOwnSheet)) tree.adoptedStyleSheets = sheets.filter((sheet) => !isOwnSheet(sheet));
    } catch {
      // No constructed stylesheets here: nothing was adopted.
    }
  }
}

/** The badge words the earlier instance added to a name's aria-description (badges.ts), the portal's own kept. */
function dropOwnDescription(el: Element): void {
  const words = el.getAttribute(LABEL_ATTR);
  const description = el.getAttribute(DESCRIPTION);
  if (!words || !description?.endsWith(words)) return;
  writeAttribute(el, DESCRIPTION, descriptionWithout(description, words));
}
