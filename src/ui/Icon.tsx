/**
 * Small line icons. Always beside a word that says the same (aria-hidden): an icon is a second signal,
 * never the only one.
 */
const PATHS = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3.5 2',
  cross: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  ended: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M5.7 5.7l12.6 12.6',
  question: 'M9.2 9.3a2.9 2.9 0 1 1 4.1 2.6c-.8.4-1.3 1.1-1.3 2V15M12 18.2v.3',
  unseen: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18',
  warning: 'M12 3.5l9.5 16.5h-19zM12 10v4.5M12 17.2v.3',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 11v6M12 7.5v.3',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  external: 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 4v11M7 10l5 5l5-5M5 20h14',
  reset: 'M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4v4h4',
  settings: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  close: 'M7 7l10 10M17 7L7 17',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      stroke-dasharray={name === 'unseen' ? '3 3' : undefined}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
