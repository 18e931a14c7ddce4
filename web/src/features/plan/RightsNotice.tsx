/** Tells the user what changed in their rights on the plan while it was open (a new role, a reader list). */
import { createEffect, createSignal, on, onCleanup, untrack } from "solid-js";
import type { SectionTemplate } from "../../../../shared/plan";
import { locale, t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { type ReadableSection, rightsChanges } from "./sections";

/** What the notice says: sections gone and added, and whether the shown one changed its edit right. */
interface Told {
  gone: SectionTemplate[];
  added: SectionTemplate[];
  editable: boolean;
  readOnly: boolean;
}

/**
 * A live region above the plan. Empty until the rights change; kept as data, not text, so it
 * follows the UI language. A section that went takes its editor with it: if the keyboard was
 * there, it goes to this notice instead of falling out of the page.
 */
export function RightsNotice(props: { sections: ReadableSection[]; current: string | undefined }) {
  const [told, setTold] = createSignal<Told>();
  let line: HTMLParagraphElement | undefined;
  let lastFocus: Element | null = null;
  const onFocusIn = (e: FocusEvent) => {
    lastFocus = e.target as Element;
  };
  document.addEventListener("focusin", onFocusIn);
  onCleanup(() => document.removeEventListener("focusin", onFocusIn));

  createEffect(
    on(
      () => props.sections,
      (now, before?: ReadableSection[]) => {
        if (!before) return;
        const changed = rightsChanges(before, now);
        const shown = untrack(() => props.current);
        setTold({
          gone: changed.gone,
          added: changed.added,
          editable: !!shown && changed.editable.includes(shown),
          readOnly: !!shown && changed.readOnly.includes(shown),
        });
        if (changed.gone.length && lastFocus && !lastFocus.isConnected) refocusIfLost(() => line);
      },
    ),
  );

  const text = () => {
    const now = told();
    if (!now) return "";
    const titles = (list: SectionTemplate[]) => list.map((s) => `‘${s.title[locale()]}’`).join(", ");
    return [
      now.gone.length ? t("plan.rightsGone", { titles: titles(now.gone) }) : "",
      now.added.length ? t("plan.rightsAdded", { titles: titles(now.added) }) : "",
      now.editable ? t("plan.rightsEditable") : "",
      now.readOnly ? t("plan.rightsReadOnly") : "",
    ]
      .filter(Boolean)
      .join(" ");
  };
  return (
    <p class="ep-plan-rights" role="status" tabindex="-1" ref={line}>
      {text()}
    </p>
  );
}
