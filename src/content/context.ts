/**
 * One content script's lifetime on one frame of a portal page, shared by the scanner and every feature: the
 * window and document, the settings in force (pack, municipality, expected SE, portal words), and one
 * AbortSignal that ends every observer, timer, listener and injected UI together.
 */
import { createMatcher, type AgreementMatcher } from '../core/match';
import { compileProfile, type PortalWords } from '../portal/words';
import type { ContentContext } from '../shared/messages';

export type OverlayConfig = ContentContext;

export interface OverlayContext {
  readonly win: Window & typeof globalThis;
  readonly doc: Document;
  /** Aborted when the content script's lifetime ends (the extension went away, or a test ends it). */
  readonly signal: AbortSignal;
  /** The settings in force; replaced as a whole when they change. */
  config(): OverlayConfig;
  /** The pack's name matcher for the configured municipality, built once per settings. */
  matcher(): AgreementMatcher;
  /** The portal profile's words, compiled once per settings. */
  words(): PortalWords;
  openOptions(): void;
  /** Logs without throwing into the page. */
  onError(error: unknown): void;
}

/** The context's settings part: compiled once per change of settings. */
export class Settings {
  private current: { config: OverlayConfig; matcher: AgreementMatcher; words: PortalWords };

  constructor(config: OverlayConfig) {
    this.current = Settings.compile(config);
  }

  private static compile(config: OverlayConfig) {
    return { config, matcher: createMatcher(config.pack, { municipality: config.municipality }), words: compileProfile(config.profile) };
  }

  replace(config: OverlayConfig): void {
    this.current = Settings.compile(config);
  }

  get config(): OverlayConfig {
    return this.current.config;
  }

  get matcher(): AgreementMatcher {
    return this.current.matcher;
  }

  get words(): PortalWords {
    return this.current.words;
  }
}
