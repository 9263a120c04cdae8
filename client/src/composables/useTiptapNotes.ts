import { watch, type Ref } from 'vue';
import { useEditor } from '@tiptap/vue-3';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

/** What the notes editor binds to: the shared fragment, the provider (for carets) and who is typing. */
export interface TiptapNotesOptions {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  editable: Ref<boolean>;
  /** Accessible name of the editing area. */
  label: Ref<string>;
}

/**
 * A Tiptap editor on a Y.XmlFragment with the others' carets and names. No CSS is injected (the CSP
 * allows our own style sheets only: the editor's base rules are in PlanNotes.vue), Yjs brings its own
 * undo history, and no trailing paragraph is added by itself, so someone who only reads never writes.
 */
export function useTiptapNotes(options: TiptapNotesOptions) {
  const editor = useEditor({
    injectCSS: false,
    editable: options.editable.value,
    extensions: [
      StarterKit.configure({
        undoRedo: false,
        trailingNode: false,
        heading: { levels: [3, 4] },
        link: { openOnClick: false, autolink: true },
      }),
      Collaboration.configure({ fragment: options.fragment }),
      CollaborationCaret.configure({ provider: options.provider, user: options.user }),
    ],
    editorProps: {
      attributes: {
        class: 'plan-notes-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label.value,
        'aria-readonly': String(!options.editable.value),
      },
    },
  });

  watch(options.editable, (editable) => {
    editor.value?.setEditable(editable, false);
    editor.value?.view.dom.setAttribute('aria-readonly', String(!editable));
  });
  watch(options.label, (label) => editor.value?.view.dom.setAttribute('aria-label', label));

  return { editor };
}
