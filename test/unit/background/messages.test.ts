import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { broadcastContext, contentMessages, handleMessage, loadContentContext, type MessageDeps } from '../../../src/background/messages';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { asContentMessage, asContextChanged, MAX_OBSERVATIONS } from '../../../src/shared/messages';
import { loadProgress } from '../../../src/store/progress';
import { importProfile, PROFILE_KEY } from '../../../src/store/profile';
import { onSettingsChanged, saveSettings } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

const EXTENSION_ID = 'own-extension';
const PORTAL_TAB = { id: EXTENSION_ID, url: 'https://admin.serviceplatformen.dk/aftaler', tab: {} };

describe('message shapes from content scripts', () => {
  it.each([
    ['get-context', { type: 'aftaletjek:get-context' }, 'aftaletjek:get-context'],
    ['open-options', { type: 'open-options' }, 'open-options'],
    ['observe', { type: 'aftaletjek:observe', packId: 'klik-sf02', observations: [{ id: 'SF1470', url: 'x' }] }, 'aftaletjek:observe'],
  ])('accepts %s', (_name, message, type) => {
    expect(asContentMessage(message)?.type).toBe(type);
  });

  it.each([
    ['null', null],
    ['a string', 'aftaletjek:get-context'],
    ['an unknown type', { type: 'aftaletjek:delete-everything' }],
    ['observe without a pack', { type: 'aftaletjek:observe', observations: [] }],
    ['observe with a non-array', { type: 'aftaletjek:observe', packId: 'p', observations: {} }],
    ['observe with an id-less observation', { type: 'aftaletjek:observe', packId: 'p', observations: [{ status: 'approved' }] }],
    [
      'observe with too many observations',
      { type: 'aftaletjek:observe', packId: 'p', observations: Array.from({ length: MAX_OBSERVATIONS + 1 }, () => ({ id: 'SF1470' })) },
    ],
  ])('refuses %s', (_name, message) => {
    expect(asContentMessage(message)).toBeNull();
  });

  it('reads a context-changed push and nothing else', () => {
    const context = { pack: BUILTIN_PACK, municipality: 'Aarhus Kommune', expectedSe: null, profile: BUILTIN_PROFILE };
    expect(asContextChanged({ type: 'aftaletjek:context-changed', context })?.context).toBe(context);
    expect(asContextChanged({ type: 'aftaletjek:context-changed' })).toBeNull();
    expect(asContextChanged({ type: 'open-options' })).toBeNull();
  });
});

describe('the background answers content scripts', () => {
  let deps: MessageDeps;
  beforeEach(() => {
    setAreasForTesting({ local: memoryArea(), managed: memoryArea() });
    deps = { extensionId: EXTENSION_ID, openOptionsPage: vi.fn(async () => undefined) };
  });
  afterEach(() => setAreasForTesting(undefined));

  it('answers get-context with the active pack and the saved settings', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29 18 97 57' });
    const context = await handleMessage({ type: 'aftaletjek:get-context' }, PORTAL_TAB, deps);
    expect(context).toEqual({
      pack: BUILTIN_PACK,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      profile: BUILTIN_PROFILE,
      messages: contentMessages(),
    });
  });

  it('hands the content script its own texts only, so it never calls chrome.i18n in a portal page', () => {
    const keys = Object.keys(contentMessages());
    expect(keys).toContain('content_guard_approve_title');
    expect(keys).toContain('extName');
    expect(keys.every((key) => key === 'extName' || key.startsWith('content_'))).toBe(true);
    expect(contentMessages().content_mark_pending?.message).toBe('● Mangler godkendelse');
  });

  it('sends the portal profile in force: an imported one, and a valid policy one over it', async () => {
    const imported = { ...BUILTIN_PROFILE, id: 'kommune-drift', statusWords: { ...BUILTIN_PROFILE.statusWords, approved: ['godkendt', 'i drift'] } };
    expect(await importProfile(JSON.stringify(imported))).toMatchObject({ ok: true });
    expect(await loadContentContext()).toMatchObject({ profile: imported });
    const managed = { ...imported, id: 'it-politik' };
    setAreasForTesting({ local: memoryArea({ [PROFILE_KEY]: { version: 1, profile: imported } }), managed: memoryArea({ portalProfile: managed }) });
    expect(await loadContentContext()).toMatchObject({ profile: managed });
    setAreasForTesting({ local: memoryArea({ [PROFILE_KEY]: { version: 1, profile: imported } }), managed: memoryArea({ portalProfile: { id: 'x' } }) });
    expect(await loadContentContext()).toMatchObject({ profile: imported });
  });

  it('records observations sent from a portal page', async () => {
    const message = {
      type: 'aftaletjek:observe',
      packId: BUILTIN_PACK.id,
      observations: [{ id: 'SF1470', status: 'approved', statusText: 'Godkendt', url: PORTAL_TAB.url }],
    };
    await handleMessage(message, PORTAL_TAB, deps);
    expect((await loadProgress(BUILTIN_PACK.id)).SF1470?.status).toBe('approved');
  });

  it.each([
    ['a srcdoc frame', 'about:srcdoc'],
    ['an about:blank frame', 'about:blank'],
  ])('records observations from %s a portal page made', async (_name, url) => {
    const message = { type: 'aftaletjek:observe', packId: BUILTIN_PACK.id, observations: [{ id: 'SF1470', status: 'approved', statusText: 'Godkendt', url }] };
    await handleMessage(message, { ...PORTAL_TAB, url, tab: { url: PORTAL_TAB.url } }, deps);
    expect((await loadProgress(BUILTIN_PACK.id)).SF1470?.status).toBe('approved');
  });

  it.each([
    ['another extension', { ...PORTAL_TAB, id: 'someone-else' }],
    ['a page off the portal', { ...PORTAL_TAB, url: 'https://example.org/', tab: { url: 'https://example.org/' } }],
    ['a srcdoc frame in a page off the portal', { ...PORTAL_TAB, url: 'about:srcdoc', tab: { url: 'https://example.org/' } }],
  ])('ignores observations from %s', async (_name, sender) => {
    const message = { type: 'aftaletjek:observe', packId: BUILTIN_PACK.id, observations: [{ id: 'SF1470', status: 'approved', url: PORTAL_TAB.url }] };
    expect(handleMessage(message, sender, deps)).toBeUndefined();
    expect(await loadProgress(BUILTIN_PACK.id)).toEqual({});
  });

  it('opens the options page when the banner asks', async () => {
    await handleMessage({ type: 'open-options' }, PORTAL_TAB, deps);
    expect(deps.openOptionsPage).toHaveBeenCalledOnce();
  });

  it('leaves messages that are not its own unanswered', () => {
    expect(handleMessage({ type: 'something-else' }, PORTAL_TAB, deps)).toBeUndefined();
  });
});

describe('settings changes reach open portal tabs', () => {
  it('sends the new context to every portal tab and survives tabs without a listener', async () => {
    const context = { pack: BUILTIN_PACK, municipality: 'Odense Kommune', expectedSe: '13748136', profile: BUILTIN_PROFILE };
    const sent: [number, unknown][] = [];
    const tabs = {
      query: vi.fn(async () => [{ id: 1 }, { id: 2 }, {}]),
      sendMessage: vi.fn(async (tabId: number, message: unknown) => {
        if (tabId === 2) throw new Error('Could not establish connection. Receiving end does not exist.');
        sent.push([tabId, message]);
      }),
    };
    await broadcastContext(tabs, context);
    expect(tabs.query).toHaveBeenCalledWith({ url: ['https://admin.serviceplatformen.dk/*', 'https://admin-test.serviceplatformen.dk/*'] });
    expect(sent).toEqual([[1, { type: 'aftaletjek:context-changed', context }]]);
  });

  it('pushes a newly imported portal profile to open tabs through the settings subscription (as index.ts wires it)', async () => {
    setAreasForTesting({ local: memoryArea(), managed: memoryArea() });
    const sent: unknown[] = [];
    const tabs = { query: vi.fn(async () => [{ id: 1 }]), sendMessage: vi.fn(async (_id: number, message: unknown) => void sent.push(message)) };
    const stop = onSettingsChanged((settings) => void loadContentContext(settings).then((context) => broadcastContext(tabs, context)));
    const imported = { ...BUILTIN_PROFILE, id: 'kommune-drift' };
    await importProfile(JSON.stringify(imported));
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'aftaletjek:context-changed', context: expect.objectContaining({ profile: imported }) }]));
    stop();
    setAreasForTesting(undefined);
  });
});
