/** The list of plan sections the user may read, grouped by phase, with who may read each and who is there. */
import { For, Show } from "solid-js";
import { locale, t } from "../../i18n";
import type { PeerState } from "../../lib/collab";
import { groupByPhase, type ReadableSection } from "./sections";

/** Props: the readable sections, the shown one, the link of a section, and who is in which section. */
export interface SectionNavProps {
  sections: ReadableSection[];
  current: string | undefined;
  href: (key: string) => string;
  peersIn: (key: string) => PeerState[];
  /** Called when the user picks a section here (not when the chair moves the focus). */
  onChoose?: (key: string) => void;
}

/**
 * Navigation between sections; each entry is a plain link (the router handles it), so keyboard and
 * screen readers work as usual and aria-current marks only the shown section.
 */
export function SectionNav(props: SectionNavProps) {
  return (
    <nav class="ep-plan-nav" aria-label={t("plan.sectionsLabel")}>
      <For each={groupByPhase(props.sections)}>
        {(group) => (
          <section class="ep-plan-nav__group" aria-labelledby={`ep-plan-phase-${group.phase}`}>
            <h2 class="ep-plan-nav__phase" id={`ep-plan-phase-${group.phase}`}>
              {t("plan.phaseGroup", { phase: t(`phase.${group.phase}`) })}
            </h2>
            <ul>
              <For each={group.sections}>
                {(s) => {
                  const key = s.template.key;
                  const names = () => [...new Set(props.peersIn(key).map((p) => p.user.name))];
                  return (
                    <li>
                      <a
                        href={props.href(key)}
                        class="ep-plan-nav__link"
                        aria-current={props.current === key ? "true" : undefined}
                        data-section={key}
                        onClick={() => props.onChoose?.(key)}
                      >
                        <span class="ep-plan-nav__title">{s.template.title[locale()]}</span>
                        <span class="ep-plan-nav__read">
                          {t("plan.readBy", { who: t(`plan.read.${s.template.read}`) })}
                        </span>
                        <Show when={names().length > 0}>
                          <span class="ep-plan-nav__present">
                            {t("plan.presentHere", { names: names().join(", ") })}
                          </span>
                        </Show>
                      </a>
                    </li>
                  );
                }}
              </For>
            </ul>
          </section>
        )}
      </For>
    </nav>
  );
}
