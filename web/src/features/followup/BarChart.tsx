/** A horizontal SVG bar chart with an accessible name that states every value. */
import { For } from "solid-js";
import { t } from "../../i18n";

/** One bar. */
export interface Bar {
  label: string;
  value: number;
}

const rowHeight = 28;
const labelWidth = 190;
const barArea = 300;

export function BarChart(props: { title: string; bars: Bar[] }) {
  const max = () => Math.max(1, ...props.bars.map((b) => b.value));
  const height = () => props.bars.length * rowHeight + 8;
  const label = () =>
    t("fig.chartLabel", {
      title: props.title,
      values: props.bars.map((b) => `${b.label} ${b.value}`).join(", "),
    });
  return (
    <svg
      class="ep-fu-chart"
      role="img"
      aria-label={label()}
      viewBox={`0 0 ${labelWidth + barArea + 50} ${height()}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <For each={props.bars}>
        {(b, i) => (
          <g transform={`translate(0 ${i() * rowHeight + 4})`}>
            <text x={labelWidth - 8} y={rowHeight / 2 + 4} text-anchor="end" class="ep-fu-chart__label">
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
            </text>
            <rect
              x={labelWidth}
              y={4}
              width={Math.max(b.value > 0 ? 2 : 0, (b.value / max()) * barArea)}
              height={rowHeight - 8}
              class="ep-fu-chart__bar"
            />
            <text
              x={labelWidth + (b.value / max()) * barArea + 6}
              y={rowHeight / 2 + 4}
              class="ep-fu-chart__value"
            >
              {b.value}
            </text>
          </g>
        )}
      </For>
    </svg>
  );
}
