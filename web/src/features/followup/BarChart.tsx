/**
 * A horizontal bar chart with an accessible name that states every value. Made of HTML, not SVG,
 * so its labels keep the page's text size on a phone (a scaled SVG shrank them to a few pixels) and
 * wrap instead of being cut off.
 */
import { For } from "solid-js";
import { t } from "../../i18n";

/** One bar. */
export interface Bar {
  label: string;
  value: number;
}

export function BarChart(props: { title: string; bars: Bar[] }) {
  const max = () => Math.max(1, ...props.bars.map((b) => b.value));
  const label = () =>
    t("fig.chartLabel", {
      title: props.title,
      values: props.bars.map((b) => `${b.label} ${b.value}`).join(", "),
    });
  // An image to assistive technology: its name says it all, its parts are not read one by one.
  return (
    <div class="ep-fu-chart" role="img" aria-label={label()}>
      <For each={props.bars}>
        {(b) => (
          <>
            <span class="ep-fu-chart__label">{b.label}</span>
            <span class="ep-fu-chart__track">
              <span
                class="ep-fu-chart__bar"
                style={{ width: b.value > 0 ? `max(2px, ${(b.value / max()) * 100}%)` : "0" }}
              />
              <span class="ep-fu-chart__value">{b.value}</span>
            </span>
          </>
        )}
      </For>
    </div>
  );
}
