import * as Y from 'yjs';
import { z } from 'zod';

/** A piece of formatted text in the notes: its characters (or an embedded object) and their marks. */
export interface NotesTextPart {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

/** The rich-text notes as plain values: a block (paragraph, heading, list...) with its children, or text. */
export type NotesNode =
  { element: string; attributes: Record<string, unknown>; children: NotesNode[] } | { text: NotesTextPart[] };

/** The zod shape of `NotesNode` (recursive), for the API's version detail. */
export const NotesNodeSchema: z.ZodType<NotesNode> = z.lazy(() =>
  z.union([
    z.object({
      element: z.string(),
      attributes: z.record(z.string(), z.unknown()),
      children: z.array(NotesNodeSchema),
    }),
    z.object({
      text: z.array(
        z.object({ insert: z.unknown(), attributes: z.record(z.string(), z.unknown()).optional() }),
      ),
    }),
  ]),
);

function nodeOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): NotesNode[] {
  if (node instanceof Y.XmlText) return [{ text: node.toDelta() as NotesTextPart[] }];
  if (node instanceof Y.XmlElement)
    return [
      {
        element: node.nodeName,
        attributes: node.getAttributes() as Record<string, unknown>,
        children: node.toArray().flatMap((child) => nodeOf(child as Y.XmlElement | Y.XmlText)),
      },
    ];
  return [];
}

/** The notes of a plan document (a Y.XmlFragment) as plain values, structure and formatting included. */
export function notesTreeOf(fragment: Y.XmlFragment): NotesNode[] {
  return fragment.toArray().flatMap((node) => nodeOf(node as Y.XmlElement | Y.XmlText));
}

function yNodeOf(node: NotesNode): Y.XmlElement | Y.XmlText {
  if ('text' in node) {
    const text = new Y.XmlText();
    text.applyDelta(node.text);
    return text;
  }
  const element = new Y.XmlElement(node.element);
  for (const [key, value] of Object.entries(node.attributes)) element.setAttribute(key, value as string);
  element.insert(0, node.children.map(yNodeOf));
  return element;
}

/**
 * Replaces the notes with `tree` in one transaction: a new edit of the live document by whoever makes it
 * (it is added to the document's history like any other edit; nothing stored before is rewritten).
 */
export function replaceNotes(fragment: Y.XmlFragment, tree: NotesNode[]): void {
  const write = () => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, tree.map(yNodeOf));
  };
  if (fragment.doc) fragment.doc.transact(write);
  else write();
}
