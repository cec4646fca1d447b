import { t, type MessageKey } from '../shared/i18n';

/**
 * The words for each value of a closed set (a source, a notice kind, an error code): one message key per
 * value, checked by the compiler, so a new value without words does not build.
 *   const sourceText = textFor<PackSource>({ builtin: 'options_pack_builtin', ... });
 */
export function textFor<Value extends string>(keys: Readonly<Record<Value, MessageKey>>): (value: Value) => string {
  return (value) => t(keys[value]);
}
