import { nextTick, ref } from 'vue';

const focusable = 'input, select, textarea, button, [href], [tabindex]';

function focusInside(element: HTMLElement | null): void {
  if (!element) return;
  const first = element.matches(focusable) ? element : element.querySelector<HTMLElement>(focusable);
  first?.focus();
}

/**
 * A form or panel opened by a button. Opening moves focus to the panel's heading; closing (cancel or
 * done) gives focus back to the button, so keyboard and screen-reader users never land on nothing.
 */
export function useDisclosure() {
  const open = ref(false);
  /** The button that opens the panel (template ref). */
  const opener = ref<HTMLElement | null>(null);
  /** The panel's heading (tabindex="-1") or its container, whose first field gets focus, when it opens. */
  const target = ref<HTMLElement | null>(null);

  async function show(): Promise<void> {
    open.value = true;
    await nextTick();
    focusInside(target.value);
  }

  async function hide(): Promise<void> {
    open.value = false;
    await nextTick();
    opener.value?.focus();
  }

  return { open, opener, target, show, hide };
}
