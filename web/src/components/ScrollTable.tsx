/** A box around a table that scrolls sideways on its own when the table is wider than the screen. */
import { createSignal, type JSX, onCleanup, onMount } from "solid-js";
import { t } from "../i18n";

/**
 * `label` says what the table lists; the box is named "Tabel: …" after it, so it differs from the
 * section around it, which often has that name already. The table is its only child.
 */
export interface ScrollTableProps {
  label: string;
  children: JSX.Element;
}

/**
 * On a phone a table with many columns scrolls inside this box, so the page itself never scrolls
 * sideways. While the table overflows, the box is a named region in the tab order, so the keyboard
 * can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable). Where the table fits there is
 * nothing to scroll: no tab stop, and no landmark beside the section the table is already in.
 */
export function ScrollTable(props: ScrollTableProps) {
  const [overflows, setOverflows] = createSignal(false);
  let box: HTMLDivElement | undefined;
  onMount(() => {
    const el = box;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Rows that come or go (a refetch, "load more") change the table's width, not the box's.
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    onCleanup(() => observer.disconnect());
  });
  // All three together: a name belongs to the region role, which a plain box does not have.
  const scrollable = (): JSX.HTMLAttributes<HTMLDivElement> =>
    overflows()
      ? { role: "region", "aria-label": t("app.tableRegion", { name: props.label }), tabindex: 0 }
      : {};
  return (
    <div ref={box} class="ep-table-scroll" {...scrollable()}>
      {props.children}
    </div>
  );
}
