import { defineComponent, h, onBeforeUnmount, shallowRef, type PropType, type VNode } from 'vue';
import { useI18n } from 'vue-i18n';
import * as Y from 'yjs';

/** Tiptap's block nodes (as y-tiptap stores them) to the HTML element that shows each. */
const blockElements: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  codeBlock: 'pre',
  hardBreak: 'br',
  horizontalRule: 'hr',
};

/** Tiptap's marks to the HTML element of each; a link is handled on its own. */
const markElements: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  underline: 'u',
};

function safeHref(href: unknown): string | undefined {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

function renderText(text: Y.XmlText): VNode[] {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  return delta.map((run) => {
    let node: VNode | string = typeof run.insert === 'string' ? run.insert : '';
    // y-tiptap may suffix a mark's name (`bold--a1b2`) when the same mark overlaps itself.
    for (const [stored, attributes] of Object.entries(run.attributes ?? {})) {
      const mark = stored.split('--')[0] ?? stored;
      const href = mark === 'link' ? safeHref((attributes as { href?: unknown })?.href) : undefined;
      if (href) node = h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, [node]);
      else if (markElements[mark]) node = h(markElements[mark], [node]);
    }
    return typeof node === 'string' ? h('span', node) : node;
  });
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): VNode | VNode[] {
  if (node instanceof Y.XmlText) return renderText(node);
  if (!(node instanceof Y.XmlElement)) return [];
  const children = node.toArray().flatMap((child) => renderNode(child));
  if (node.nodeName === 'heading') {
    const level = Math.min(Math.max(Number(node.getAttribute('level')) || 3, 3), 6);
    return h(`h${level}`, children);
  }
  if (node.nodeName === 'codeBlock') return h('pre', [h('code', children)]);
  return h(blockElements[node.nodeName] ?? 'div', children);
}

/**
 * The notes as read-only HTML, built from the shared Yjs fragment without the rich-text editor, and kept
 * up to date as others type. Text goes through Vue's rendering, never `innerHTML`.
 */
export default defineComponent({
  name: 'PlanNotesText',
  props: { fragment: { type: Object as PropType<Y.XmlFragment>, required: true } },
  setup(props) {
    const { t } = useI18n();
    const version = shallowRef(0);
    const onChange = () => version.value++;
    props.fragment.observeDeep(onChange);
    onBeforeUnmount(() => props.fragment.unobserveDeep(onChange));
    return () => {
      void version.value;
      const blocks = props.fragment.toArray().flatMap((node) => renderNode(node));
      const empty = props.fragment.length === 0 || props.fragment.toString().replace(/<[^>]*>/g, '') === '';
      return h('div', { class: 'plan-notes-content', 'data-testid': 'plan-notes-text' }, [
        empty ? h('p', { class: 'muted' }, t('plan.notes.empty')) : blocks,
      ]);
    };
  },
});
