/** A select whose choice acts at once, but not while the keyboard browses through it. */
import { type JSX, splitProps } from "solid-js";

/** Keys that move a closed select's choice on Windows (and Linux) without opening it. */
const browseKeys = new Set(["ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
/** Whether a key press may change a closed select's choice: a browsing key, or typing a letter to jump. */
const browses = (e: KeyboardEvent) =>
  !e.altKey && !e.metaKey && !e.ctrlKey && (browseKeys.has(e.key) || e.key.length === 1);

/**
 * A `<select>` whose choice does something at once (records it, switches what is shown). A choice
 * with the mouse (or from the opened list) goes to `onChoose` at once; one made by browsing the
 * closed select with the arrow keys (Windows and Chromium change its value that way) only on Enter
 * or on leaving it, and only when it differs from `value`: otherwise every option passed on the
 * way would act, under the user's keyboard. Escape goes back to `value`. The options are children.
 */
export function ChoiceSelect(
  props: Omit<
    JSX.SelectHTMLAttributes<HTMLSelectElement>,
    "value" | "onChange" | "onInput" | "onKeyDown" | "onBlur"
  > & {
    /** The choice in effect (recorded, shown); the select shows it until another is made. */
    value: string;
    onChoose: (value: string) => void;
  },
) {
  const [own, rest] = splitProps(props, ["value", "onChoose", "children"]);
  // True from a browsing key until the change it causes (dispatched as part of that key press).
  let browsing = false;
  // Keyboard browsing not yet made a choice: the select shows something other than `value`.
  let pending = false;
  const commit = (select: HTMLSelectElement) => {
    if (!pending) return;
    pending = false;
    if (select.value && select.value !== own.value) own.onChoose(select.value);
  };
  return (
    <select
      {...rest}
      value={own.value}
      onKeyDown={(e) => {
        if (browses(e)) {
          browsing = true;
          setTimeout(() => {
            browsing = false;
          });
        } else if (e.key === "Enter" && pending) {
          e.preventDefault();
          commit(e.currentTarget);
        } else if (e.key === "Escape" && pending) {
          // Back to the choice in effect, nothing done.
          e.preventDefault();
          pending = false;
          e.currentTarget.value = own.value;
        }
      }}
      onChange={(e) => {
        if (browsing) pending = true;
        else {
          pending = false;
          own.onChoose(e.currentTarget.value);
        }
      }}
      onBlur={(e) => commit(e.currentTarget)}
    >
      {own.children}
    </select>
  );
}
