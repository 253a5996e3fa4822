// An area of the console keeps its words beside its screens (claims/messages.ts, ...): `jaring.<area>` for its
// own and `resources.<name>` for react-admin's, Indonesian first and English with the same keys (the type says so).
// i18n-provider.ts merges every area's into the console's messages.
export interface AreaMessages<T extends object> {
  id: T;
  en: T;
}

type Tree = { [key: string]: unknown };

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The messages of all parts in one tree; a key two parts both set to a word is a mistake, and throws. */
export function mergeMessages(...parts: object[]): Tree {
  const merged: Tree = {};
  for (const part of parts) mergeInto(merged, part as Tree, '');
  return merged;
}

function mergeInto(target: Tree, source: Tree, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    const here = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (isTree(existing) && isTree(value)) mergeInto(existing, value, here);
    else if (existing !== undefined && !isTree(value)) throw new Error(`the console's message ${here} is set twice`);
    else target[key] = isTree(value) ? mergeMessages(value) : value;
  }
}
