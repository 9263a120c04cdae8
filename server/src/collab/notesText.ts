import * as Y from 'yjs';
import { planRoots } from '@concerto/shared';

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  // The delta gives the typed characters themselves; toString() would add formatting marks as tags.
  if (node instanceof Y.XmlText)
    return (node.toDelta() as { insert: unknown }[])
      .map((part) => (typeof part.insert === 'string' ? part.insert : ''))
      .join('');
  if (node instanceof Y.XmlElement) {
    const inner = node
      .toArray()
      .map((child) => textOf(child as Y.XmlElement | Y.XmlText))
      .join('');
    // Block-level nodes (paragraphs, headings, list items) end a line.
    return ['paragraph', 'heading', 'listItem', 'blockquote'].includes(node.nodeName) ? `${inner}\n` : inner;
  }
  return '';
}

/** The rich-text notes of a document as plain text, one line per paragraph (for frozen summaries). */
export function notesAsText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(planRoots.notes)
    .toArray()
    .map((node) => textOf(node as Y.XmlElement | Y.XmlText))
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
