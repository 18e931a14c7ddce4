/** The case workspace (`/casussen/:caseId`): the live safety plan beside the conference panel. */
import { useParams, useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  Match,
  mapArray,
  on,
  Show,
  Switch,
  untrack,
} from "solid-js";
import { sectionTemplate } from "../../../shared/plan";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { BreakGlassActive, BreakGlassOffer } from "../features/access/BreakGlass";
import { ConferencePanel } from "../features/conference/ConferencePanel";
import { FocusNotice } from "../features/conference/FocusNotice";
import { createFocusFollower } from "../features/conference/follow";
import { ConnectionState } from "../features/plan/ConnectionState";
import { PlanWarnings } from "../features/plan/PlanWarnings";
import { RightsNotice } from "../features/plan/RightsNotice";
import { SectionEditor } from "../features/plan/SectionEditor";
import { SectionNav } from "../features/plan/SectionNav";
import { colourFor, openingSection, readableSections, sameRights } from "../features/plan/sections";
import { locale, t } from "../i18n";
import { api } from "../lib/api";
import { type CaseDetail, createCase } from "../lib/case";
import { createSectionDoc, type SectionDoc } from "../lib/collab";
import { me } from "../lib/session";

/** The page: loads the case, then opens the workspace for it (anew when the case id changes). */
export function CaseWorkspace() {
  const params = useParams();
  const [caseData] = createCase(() => params.caseId);
  return (
    <Switch fallback={<p>{t("app.loading")}</p>}>
      <Match when={caseData.error}>
        <CaseUnavailable error={caseData.error} />
      </Match>
      <Match when={caseData()?.id === params.caseId && caseData()}>
        {(c) => (
          <Show when={c().id} keyed>
            <Workspace case={c()} />
          </Show>
        )}
      </Match>
    </Switch>
  );
}

/**
 * The workspace of one case: one live document per readable section, for presence everywhere.
 * The case is fetched again when someone's role or the readers change (`case:changed`): the
 * sections follow, each document opened or closed with its section, without a reload.
 */
function Workspace(props: { case: CaseDetail }) {
  const caseId = props.case.id;
  const [search, setSearch] = useSearchParams<{ sectie?: string }>();
  const readable = createMemo(() => readableSections(props.case.sections), [], { equals: sameRights });
  // The page renders only when logged in (RequireLogin), so the user is known here.
  const userId = me()?.id ?? "anonymous";
  const keys = createMemo(() => readable().map((s) => s.template.key), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  // Each document lives as long as its section is readable (mapArray disposes the ones that go).
  const docList = createMemo(mapArray(keys, (key) => createSectionDoc(caseId, key, userId)));
  const docs = createMemo(() => new Map<string, SectionDoc>(docList().map((d) => [d.key, d])));
  // Which sections hold text decides where the workspace opens (not their text: the editors fetch
  // that); without it, open by phase alone.
  const [filled] = createResource(() =>
    api.get<{ filled: string[] }>(`/cases/${caseId}/plan/filled`).catch(() => null),
  );
  const opening = createMemo(() => {
    if (filled.loading) return undefined;
    const keys = filled()?.filled;
    const hasText = keys ? (key: string) => keys.includes(key) : undefined;
    return openingSection(props.case.phase, readable(), hasText);
  });
  const current = createMemo(() => {
    const asked = search.sectie;
    return asked && docs().has(asked) ? asked : opening();
  });
  const href = (key: string) => `/casussen/${caseId}?sectie=${encodeURIComponent(key)}`;
  // A link to a section this user may not read (a colleague's, or a made-up one): the page opens as
  // without one, the address stops naming it (replaced, so Back does not return to it), and the user
  // is told why. A section that goes while open (rights changed) is told by RightsNotice instead.
  const [refused, setRefused] = createSignal<string>();
  createEffect(
    on(
      () => search.sectie,
      (asked) => {
        if (!asked) return;
        if (untrack(docs).has(asked)) {
          setRefused(undefined);
          return;
        }
        setRefused(asked);
        setSearch({ sectie: undefined }, { replace: true });
      },
    ),
  );
  let main: HTMLDivElement | undefined;
  /**
   * Follows the chair's focus; sections this user may not read are ignored. Someone writing in the
   * plan keeps their section and gets a notice instead, so no keystroke lands nowhere.
   */
  const follower = createFocusFollower({
    current,
    readable: (key) => docs().has(key),
    show: (key) => setSearch({ sectie: key }),
    openedOnSection: !!search.sectie && docs().has(search.sectie),
    editing: () =>
      !!main && !!document.activeElement?.closest(".ep-plan-editor") && main.contains(document.activeElement),
  });
  const user = createMemo(() => {
    const u = me();
    return u ? { id: u.id, name: u.name, color: colourFor(u.id) } : undefined;
  });
  /**
   * After the user picks a section, focus moves to its heading, so the next Tab lands in the text
   * instead of walking the rest of the list. A focus change by the chair never moves the focus.
   */
  const focusHeading = (key: string) => {
    let tries = 0;
    const attempt = () => {
      const heading = document.getElementById(`ep-plan-heading-${key}`);
      if (heading) heading.focus();
      else if (tries++ < 20) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  };
  const intimateTerror = () => props.case.categories.includes("intiem_terreur");

  return (
    <div class="ep-plan-page">
      <CaseHeader case={props.case} />
      <Show when={props.case.breakGlassActive}>
        <BreakGlassActive until={props.case.breakGlassUntil} />
      </Show>
      <RightsNotice sections={readable()} current={current()} />
      <p class="ep-plan-rights" role="status" data-testid="section-refused">
        {refusedText(refused())}
      </p>
      <Show
        when={readable().length > 0}
        fallback={
          <Show
            when={props.case.permissions.breakGlass && !props.case.breakGlassActive}
            fallback={<p>{t("plan.noSections")}</p>}
          >
            <BreakGlassOffer caseId={caseId} />
          </Show>
        }
      >
        <div class="ep-plan-layout">
          <SectionNav
            sections={readable()}
            current={current()}
            href={href}
            peersIn={(key) => docs().get(key)?.peers() ?? []}
            onChoose={focusHeading}
          />
          <div class="ep-plan-main" ref={main}>
            <FocusNotice
              section={follower.pending()}
              onGo={(key) => {
                follower.show(key);
                focusHeading(key);
              }}
            />
            <Show when={current()} keyed fallback={<p>{t("app.loading")}</p>}>
              {(key) => {
                // The same key keeps its document; its rights come from the latest copy of the case.
                const doc = docs().get(key) as SectionDoc;
                const section = () => readable().find((s) => s.template.key === key);
                return (
                  <Show when={section() && user()}>
                    <SectionView
                      doc={doc}
                      title={section()?.template.title[locale()] ?? key}
                      guidance={section()?.template.guidance[locale()] ?? ""}
                      canEdit={section()?.canEdit === true}
                      user={user() as { id: string; name: string; color: string }}
                      intimateTerror={intimateTerror()}
                    />
                  </Show>
                );
              }}
            </Show>
          </div>
          <aside class="ep-plan-aside" aria-label={t("plan.conferenceLabel")}>
            {/* The conference is the members'; someone who looks in by emergency access is not asked to join. */}
            <Show
              when={props.case.myRole}
              fallback={<p class="ep-muted">{t("plan.conferenceMembersOnly")}</p>}
            >
              <ConferencePanel case={props.case} follower={follower} />
            </Show>
          </aside>
        </div>
      </Show>
    </div>
  );
}

/** Why the section asked for in the address is not shown: who reads it, named by the section's own rule. */
function refusedText(key: string | undefined): string {
  if (!key) return "";
  const template = sectionTemplate(key);
  if (!template) return t("plan.sectionUnknown");
  return t(`plan.sectionRefused.${template.read}`, { title: template.title[locale()] });
}

/** One shown section: heading, connection state, who else is here, the editor and the warnings. */
function SectionView(props: {
  doc: SectionDoc;
  title: string;
  guidance: string;
  canEdit: boolean;
  user: { id: string; name: string; color: string };
  intimateTerror: boolean;
}) {
  const headingId = `ep-plan-heading-${props.doc.key}`;
  // Open the editor once the server's text (or, offline, this browser's copy) is in, so an empty
  // editor never writes a blank paragraph ahead of the real text.
  const [ready, setReady] = createSignal(false);
  createEffect(() => {
    const d = props.doc;
    if (d.synced() || (d.localLoaded() && d.status() !== "connected" && d.status() !== "connecting")) {
      setReady(true);
    }
  });
  const names = () => [...new Set(props.doc.peers().map((p) => p.user.name))];
  const backToList = () =>
    document.querySelector<HTMLElement>(`.ep-plan-nav a[data-section="${props.doc.key}"]`)?.focus();

  return (
    <section class="ep-plan-section" aria-labelledby={headingId}>
      <div class="ep-plan-section__head">
        <h2 class="utrecht-heading-2 ep-plan-section__title" id={headingId} tabindex="-1">
          {props.title}
        </h2>
        <ConnectionState status={props.doc.status()} />
      </div>
      <p class="ep-plan-section__present ep-muted">
        {names().length > 0 ? t("plan.presentHere", { names: names().join(", ") }) : t("plan.nobodyElse")}
      </p>
      <div class="ep-plan-section__body">
        <Show when={ready()} fallback={<p class="ep-muted">{t("plan.loadingSection")}</p>}>
          <SectionEditor
            section={props.doc}
            title={props.title}
            guidance={props.guidance}
            canEdit={props.canEdit}
            user={props.user}
            onEscape={backToList}
          />
        </Show>
        <PlanWarnings text={props.doc.text()} active={props.intimateTerror} />
      </div>
    </section>
  );
}
