import type { AgreementLine } from '../core/summary';
import { AgreementItem } from './AgreementItem';

/** One list of agreements (outstanding or approved) under its heading; nothing when it is empty. */
export function AgreementList({ id, heading, lines }: { id: string; heading: string; lines: AgreementLine[] }) {
  if (lines.length === 0) return null;
  return (
    <section class={`agreements agreements-${id}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="list-heading">
        {heading}
      </h2>
      <ul class="agreement-list">
        {lines.map((line) => (
          <AgreementItem key={line.agreement.id} line={line} />
        ))}
      </ul>
    </section>
  );
}
