import { uiLanguage } from '../shared/i18n';

const dateTime = new Intl.DateTimeFormat(uiLanguage() === 'en' ? 'en-GB' : 'da-DK', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A stored ISO time in the UI language's style, e.g. "27. nov. 2025 10.21". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}
