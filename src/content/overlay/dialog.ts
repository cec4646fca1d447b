/**
 * A modal question in Aftaletjek's own shadow root (window.confirm would block the page and cannot say
 * who is asking). The host exists only while the dialog is open.
 */
import { h } from './dom';
import { createShadowHost } from './shadow';

export interface DialogChoice<T extends string> {
  value: T;
  label: string;
  /** The recommended choice: styled as primary and focused first. */
  primary?: boolean;
}

export interface DialogContent<T extends string> {
  tone: 'danger' | 'caution';
  title: string;
  body: string;
  choices: DialogChoice<T>[];
}

const HOST_TAG = 'aftaletjek-dialog';

const CSS = `
:host { all: initial; }
dialog {
  max-width: 34em; padding: 0; border: 0; border-radius: 8px; border-top: 6px solid;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
  font: 15px/1.5 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; background: #fff;
}
dialog::backdrop { background: rgba(16, 32, 56, 0.45); }
.danger { border-color: #b3261e; }
.caution { border-color: #b86e00; }
.content { padding: 18px 22px 16px; }
h2 { margin: 0 0 8px; font-size: 18px; }
.danger h2 { color: #8c1d18; }
.caution h2 { color: #6b3d00; }
p { margin: 0; }
.choices { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 10px; margin-top: 18px; }
button {
  font: inherit; font-weight: 600; border-radius: 4px; padding: 7px 14px; cursor: pointer;
  border: 1px solid #5e6b78; background: #fff; color: #1b1f24;
}
button.primary { border-color: #1d5fa8; background: #1d5fa8; color: #fff; }
button:focus-visible { outline: 3px solid #1d5fa8; outline-offset: 2px; }
.brand { margin-top: 12px; font-size: 12px; color: #4a5561; }
`;

/** Shows the dialog and resolves with the chosen value, or null when dismissed (Escape). */
export function askUser<T extends string>(doc: Document, content: DialogContent<T>, brand: string): Promise<T | null> {
  const { host, root } = createShadowHost(doc, HOST_TAG, CSS);
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      host.remove();
      resolve(value);
    };
    const buttons = content.choices.map((choice) =>
      h(doc, 'button', { type: 'button', class: choice.primary ? 'primary' : undefined, onclick: () => finish(choice.value) }, choice.label),
    );
    const dialog = h(
      doc,
      'dialog',
      { class: content.tone, 'aria-labelledby': 'title', oncancel: () => finish(null), onclose: () => finish(null) },
      h(
        doc,
        'div',
        { class: 'content' },
        h(doc, 'h2', { id: 'title' }, content.title),
        h(doc, 'p', {}, content.body),
        h(doc, 'div', { class: 'choices' }, ...buttons),
        h(doc, 'p', { class: 'brand' }, brand),
      ),
    ) as HTMLDialogElement;
    root.append(dialog);
    // Outside the body, so the portal's layout and framework-owned nodes are untouched; a modal dialog
    // shows in the top layer wherever its host is.
    doc.documentElement.append(host);
    dialog.showModal();
    buttons[content.choices.findIndex((choice) => choice.primary)]?.focus();
  });
}
