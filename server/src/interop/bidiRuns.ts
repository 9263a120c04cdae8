/** A piece of a line written in one direction. */
export interface DirectionalRun {
  text: string;
  rightToLeft: boolean;
}

const rightToLeftLetter = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
const strongLetterOrDigit = /[\p{L}\p{N}]/u;
const mirrored: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«' };
const opening = new Set(['(', '[', '«']);
const closing = new Set([')', ']', '»']);

/** Whether a text holds letters written right to left (Arabic, Hebrew...). */
export const hasRightToLeft = (text: string): boolean => rightToLeftLetter.test(text);

/**
 * Splits a line into runs of one direction, in reading order: a small part of the Unicode bidirectional
 * algorithm, enough for labels, names, dates and numbers. Spaces and punctuation between two runs of the
 * same direction join them; elsewhere they follow the paragraph's direction; a closing bracket follows its
 * opening one. Brackets in a right-to-left run are mirrored, as the font's layout only reverses the glyphs.
 */
export function directionalRuns(text: string, paragraphRightToLeft: boolean): DirectionalRun[] {
  const characters = [...text];
  const strong = characters.map((character) =>
    rightToLeftLetter.test(character) ? true : strongLetterOrDigit.test(character) ? false : null,
  );
  const opened: boolean[] = [];
  const resolved = strong.map((direction, index) => {
    if (direction !== null) return direction;
    const character = characters[index]!;
    // A closing bracket goes the way its opening one went: "(12/03/2026)" stays one run.
    if (closing.has(character) && opened.length) return opened.pop()!;
    const before = strong
      .slice(0, index)
      .reverse()
      .find((value) => value !== null);
    const after = strong.slice(index + 1).find((value) => value !== null);
    const chosen = before !== undefined && before === after ? before : paragraphRightToLeft;
    if (opening.has(character)) opened.push(chosen);
    return chosen;
  });
  const runs: DirectionalRun[] = [];
  characters.forEach((character, index) => {
    const rightToLeft = resolved[index]!;
    const shown = rightToLeft ? (mirrored[character] ?? character) : character;
    const last = runs.at(-1);
    if (last && last.rightToLeft === rightToLeft) last.text += shown;
    else runs.push({ text: shown, rightToLeft });
  });
  return runs;
}
