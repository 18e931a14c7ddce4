/** Keeping keyboard focus on something sensible after an action or a new state changed the page. */

/** Whether the keyboard focus has fallen out of the page (to `<body>`), e.g. its control was removed. */
function focusLost(): boolean {
  return !document.activeElement || document.activeElement === document.body;
}

/**
 * Moves the focus to `target()` when the control that had it is gone. Checks again for a short
 * while, because the new state can arrive just after the answer and remove the control then.
 */
export function refocusIfLost(target: () => HTMLElement | null | undefined, tries = 20): void {
  const attempt = (left: number) => {
    if (focusLost()) {
      const el = target();
      if (el?.isConnected) {
        el.focus();
        return;
      }
    }
    if (left > 0) setTimeout(() => attempt(left - 1), 50);
  };
  attempt(tries);
}
