/**
 * The words of a person's name as the worker search compares them (docs/api.md, "Worker search"): case and
 * accents folded (NFKD, combining marks dropped, lower case), apostrophes dropped inside a word (Ma'ruf is
 * `maruf`, as it is often typed), every other character that is not a letter or a digit a separator (spaces,
 * commas, dots, hyphens: "Nahak, Yohanes" and "Ayu-Lestari" are two words each). Each word once, in order.
 * Letters without a decomposition (ß, ø, ł) stay as they are.
 */
export function nameWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded
    .replace(/['’‘ʼ`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}
