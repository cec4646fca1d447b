/**
 * Stands in for webextension-polyfill in unit tests (see vitest.config.ts): the real module throws when
 * loaded outside an extension. Any use of it is a test that forgot to inject its fakes, and says so.
 */
const stub: unknown = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`unit test used browser.${String(property)}: inject a fake (e.g. setAreasForTesting) instead`);
    },
  },
);
export default stub;
