/**
 * Reading the portal's DOM, as a person or a screen reader does: the flat tree's text (./read/text.ts,
 * ./read/tree.ts), where the pack's names are (./read/names.ts), the label of a value (./read/labels.ts),
 * list entries and their status (./read/rows.ts), and an agreement page's facts (./read/page.ts).
 * Read-only: nothing here changes the page.
 */
export { accessibleName, controlNames, displayText, isHidden, isReadonlyField, spacedText } from './read/text';
export { composedContains, composedParent, composedClosest, deepQueryAll, openShadowRoot, shadowRootsIn } from './read/tree';
export { findNames, withoutContainers, NO_SLICING, type FindOptions, type NameHit, type NameKind, type Slicer } from './read/names';
export { cellLabels, labelOf, labelsOf } from './read/labels';
export { findRow, readRowStatus, type StatusReading } from './read/rows';
export { actionKind, collectFields, isActionElement, findActions, readPageFacts, type Field, type PageFacts, type ReadOptions } from './read/page';
