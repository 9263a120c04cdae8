import * as Y from 'yjs';

const words = [
  'rendez-vous',
  'visite',
  'sage-femme',
  'bilan',
  'allaitement',
  'sommeil',
  'poids',
  'suivi',
  'famille',
  'pédiatre',
  'consultation',
  'à',
  'domicile',
  'mardi',
  'prévu',
  'avec',
  'la',
  'maman',
  'le',
  'bébé',
];

/** A random integer in [min, max]. */
export function randomBetween(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** `count` random words followed by a space, as someone typing a few words. */
export function someWords(count: number): string {
  return Array.from({ length: count }, () => words[randomBetween(0, words.length - 1)]).join(' ') + ' ';
}

/**
 * Where one author types in a shared text: after what they typed last (a relative position, as editors
 * keep it, so remote inserts do not move it), sometimes somewhere else.
 */
export class Typist {
  private cursor: Y.RelativePosition | null = null;

  constructor(
    private readonly text: Y.Text,
    private readonly jumpProbability = 0.15,
  ) {}

  /** Inserts `content` at the cursor and moves the cursor after it; call inside a transaction. */
  type(content: string): void {
    const length = this.text.length;
    let index = randomBetween(0, length);
    const kept = this.cursor && Math.random() >= this.jumpProbability ? this.cursor : null;
    if (kept) index = Y.createAbsolutePositionFromRelativePosition(kept, this.text.doc!)?.index ?? index;
    this.text.insert(index, content);
    this.cursor = Y.createRelativePositionFromTypeIndex(this.text, index + content.length);
  }
}
