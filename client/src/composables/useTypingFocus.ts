import { onBeforeUnmount, onMounted, ref } from 'vue';

const typingFields =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]), textarea, select, [contenteditable="true"]';

/**
 * Whether a text field has the focus (on a phone: the keyboard is up), so a bar fixed at the bottom of
 * the screen can step aside. While mounted, focused elements also scroll clear of such a bar.
 */
export function useTypingFocus(barHeight = '9rem') {
  const typing = ref(false);
  let pressing = false;
  const update = () => {
    typing.value = document.activeElement?.matches(typingFields) ?? false;
  };
  // Leaving a field by tapping a button ("send"): the bar comes back only once the tap is over, so it
  // never appears under the finger between press and release and swallows the tap.
  const afterFocusLeft = () => requestAnimationFrame(() => (pressing ? undefined : update()));
  const pressed = () => (pressing = true);
  const released = () => {
    pressing = false;
    setTimeout(update);
  };
  const listeners: [string, () => void][] = [
    ['focusin', update],
    ['focusout', afterFocusLeft],
    ['pointerdown', pressed],
    ['pointerup', released],
    ['pointercancel', released],
  ];
  onMounted(() => {
    for (const [event, listener] of listeners) document.addEventListener(event, listener, true);
    document.documentElement.style.scrollPaddingBottom = barHeight;
  });
  onBeforeUnmount(() => {
    for (const [event, listener] of listeners) document.removeEventListener(event, listener, true);
    document.documentElement.style.scrollPaddingBottom = '';
  });
  return { typing };
}
