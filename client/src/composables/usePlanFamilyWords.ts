import { onBeforeUnmount, watch, type Ref } from 'vue';
import * as Y from 'yjs';
import { familyWordsOf, planLists } from '../collab/planModel.ts';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The smallest single change turning `before` into `after` (never splitting an emoji in two). */
export function textChange(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start -= 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore += 1;
    endAfter += 1;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Where a cursor at `position` lands after a remote change (text inserted right at it stays after it). */
export function mapCursor(position: number, delta: Y.YTextEvent['delta']): number {
  let index = 0;
  let shift = 0;
  for (const operation of delta) {
    if (operation.retain) index += operation.retain;
    else if (operation.insert !== undefined) {
      const length = typeof operation.insert === 'string' ? operation.insert.length : 1;
      if (index < position) shift += length;
    } else if (operation.delete) {
      if (index < position) shift -= Math.min(operation.delete, position - index);
      index += operation.delete;
    }
  }
  return Math.max(0, position + shift);
}

/**
 * Binds a plain textarea to one family member's "in my words" Y.Text: each keystroke becomes a small
 * insert or delete, remote edits update the box without moving the cursor. The Y.Text is created on the
 * first keystroke only, so merely opening the plan writes nothing.
 */
export function usePlanFamilyWords(doc: Y.Doc, memberId: string, element: Ref<HTMLTextAreaElement | null>) {
  const words = planLists(doc).familyWords;
  const origin = { binding: 'familyWords', memberId };
  let bound: Y.Text | null = null;

  function show(value: string): void {
    if (element.value && element.value.value !== value) element.value.value = value;
  }

  function onRemote(event: Y.YTextEvent, transaction: Y.Transaction): void {
    if (transaction.origin === origin || !bound) return;
    const box = element.value;
    if (!box) return;
    const focused = document.activeElement === box;
    const start = mapCursor(box.selectionStart, event.delta);
    const end = mapCursor(box.selectionEnd, event.delta);
    show(bound.toString());
    if (focused) box.setSelectionRange(start, end);
  }

  function bind(): void {
    const current = words.get(memberId);
    const text = current instanceof Y.Text ? current : null;
    if (text === bound) return;
    bound?.unobserve(onRemote);
    bound = text;
    bound?.observe(onRemote);
    show(bound?.toString() ?? '');
  }

  /** Applies what the user just typed to the shared text. */
  function onInput(): void {
    const box = element.value;
    if (!box) return;
    doc.transact(() => {
      const text = bound ?? familyWordsOf(doc, memberId);
      const change = textChange(text.toString(), box.value);
      if (change.remove) text.delete(change.index, change.remove);
      if (change.insert) text.insert(change.index, change.insert);
    }, origin);
  }

  bind();
  words.observe(bind);
  watch(element, () => show(bound?.toString() ?? ''), { flush: 'post' });
  onBeforeUnmount(() => {
    words.unobserve(bind);
    bound?.unobserve(onRemote);
  });

  return { onInput };
}
