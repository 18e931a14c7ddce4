/** `/casussen/:caseId/leden`: members and their roles, the confidential reader list, invitations, break-glass. */
import { A, useLocation, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, onMount, Show, untrack } from "solid-js";
import { type CaseRole, caseRoles } from "../../../shared/domain";
import { mayBeNamedReader } from "../../../shared/plan";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { Confirm } from "../components/Confirm";
import { ScrollTable } from "../components/ScrollTable";
import { BreakGlassActive, BreakGlassForm, breakGlassAnchor, toNotice } from "../features/access/BreakGlass";
import { MemberRow, type RoleChange } from "../features/access/MemberRow";
import type { CaseCreatedNotice } from "../features/access/NewCaseForm";
import { formatDate, t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { type CaseMember, caseLead, createCase } from "../lib/case";
import { apiProblem, createFieldProblems, Field, PersonFields, personProblems } from "../lib/form";
import { keysOf } from "../lib/keyed";
import { useOnceState } from "../lib/once-state";
import { settled } from "../lib/resource";

interface Candidate {
  id: string;
  name: string;
  organisationName: string | null;
  /** Takes part as an ervaringsdeskundige (on another case, or invited as one): only that role. */
  expertByExperience: boolean;
  /** Whether they may be one at all (not with an organisation's account, a role in the region, or another role elsewhere). */
  mayBeExpertByExperience: boolean;
}
interface InvitationRow {
  id: string;
  name: string;
  role: string;
  expiresAt: string;
  usedAt: string | null;
}

/** The part of the page a message belongs to: it is shown there, beside what caused it. */
type Place = "members" | "add" | "readers" | "invite";
interface Message {
  at: Place;
  text: string;
  error?: boolean;
}

/** The page; rendered as a component so its body is never tracked by the caller (main.tsx calls pages directly). */
export function CaseMembers() {
  return <CaseMembersPage />;
}

function CaseMembersPage() {
  const params = useParams();
  const [data, { refetch }] = createCase(() => params.caseId);
  const detail = () => settled(data);
  const may = (p: "manageMembers" | "invite" | "breakGlass") => detail()?.permissions?.[p] === true;
  const [message, setMessage] = createSignal<Message | null>(null);
  const location = useLocation();
  // A case just registered (NewCaseForm passes it in the history state): said once, above the
  // member form.
  const created = useOnceState<CaseCreatedNotice>()?.created;
  const offerBreakGlass = () => may("breakGlass") && !detail()?.breakGlassActive;
  // Emergency access comes first when it is what the page was opened for (the plan's link to it),
  // or all that a procesregisseur can do here; one who sets the case up (adds members) finds it
  // after the member forms, not above a new case's empty list.
  const breakGlassFirst = () => location.hash === `#${breakGlassAnchor}` || !may("manageMembers");
  const breakGlassForm = (caseId: string) => (
    <BreakGlassForm
      caseId={caseId}
      onGranted={() => {
        setJustGranted(true);
        refetch();
      }}
    />
  );
  const failed = (at: Place, err: unknown) => setMessage({ at, text: apiProblem(err), error: true });
  /** The message of one place, in a live region that is always there so screen readers announce it. */
  const Feedback = (props: { at: Place; ref?: (el: HTMLElement) => void }) => {
    const m = () => (message()?.at === props.at ? message() : null);
    return (
      <p
        role="status"
        aria-live="polite"
        tabindex="-1"
        ref={props.ref}
        class={m()?.error ? "ep-error" : "ep-muted"}
      >
        {m()?.text ?? ""}
      </p>
    );
  };

  // Fetched again with every new copy of the case: who may be added, and the readers (an
  // ervaringsdeskundige leaves their list), follow changes made here or anywhere else.
  const [candidates] = createResource(
    () => (may("manageMembers") ? detail() : undefined),
    (c) => api.get<{ users: Candidate[] }>(`/cases/${c.id}/candidates`),
  );
  const [readers] = createResource(
    () => (may("manageMembers") ? detail() : undefined),
    (c) => api.get<{ userIds: string[] }>(`/cases/${c.id}/sections/confidential/readers`),
  );
  const [invitations, { refetch: refetchInvitations }] = createResource(
    () => (may("invite") ? params.caseId : undefined),
    (id) => api.get<{ invitations: InvitationRow[] }>(`/cases/${id}/invitations`),
  );

  const members = () => detail()?.members ?? [];
  // Rows are keyed by person, so a new copy of the case keeps the row (and the button) that has the focus.
  const memberIds = keysOf(members, (m) => m.userId);
  const memberById = (id: string) => members().find((m) => m.userId === id) as CaseMember;
  const director = () => caseLead(members()).director;
  const [chosen, setChosen] = createSignal<{ userId: string; role: CaseRole }>({
    userId: "",
    role: "professional",
  });
  const candidate = (id: string) => settled(candidates)?.users.find((u) => u.id === id);
  const chosenPerson = () => candidate(chosen().userId);
  // One case director at most: a second is made by handing the regie over, not by adding one. An
  // ervaringsdeskundige is added as one, never in a role that reads police or justice information;
  // and whoever has an organisation's account (or may not be one for another reason) is no
  // ervaringsdeskundige. With no person chosen yet, every role is shown.
  const rolesFor = (person: Candidate | undefined): readonly CaseRole[] =>
    person?.expertByExperience
      ? ["expertByExperience"]
      : caseRoles.filter(
          (r) =>
            (r !== "caseDirector" || !director()) &&
            (r !== "expertByExperience" || !person || person.mayBeExpertByExperience),
        );
  const addableRoles = () => rolesFor(chosenPerson());
  /** The role a person starts with in the form: an ervaringsdeskundige's own, else professional. */
  const defaultRole = (roles: readonly CaseRole[]): CaseRole =>
    roles.includes("professional") ? "professional" : roles[0];
  createEffect(() => {
    const roles = addableRoles();
    if (!roles.includes(chosen().role)) setChosen({ ...chosen(), role: defaultRole(roles) });
  });

  let memberStatus: HTMLElement | undefined;
  /** Says what a role change did; after a handover the keyboard goes to that message (the row's button is gone). */
  const roleChanged = (change: RoleChange): boolean => {
    const name = (id: string) => memberById(id)?.name ?? "";
    const previous = change.previousCaseDirector;
    setMessage({
      at: "members",
      text: previous
        ? t("members.handedOver", { to: name(change.userId), from: name(previous.userId) })
        : t("members.roleChanged", {
            name: name(change.userId),
            role: t(`role.${change.role}`).toLowerCase(),
          }),
    });
    refetch();
    if (change.role !== "caseDirector") return false;
    memberStatus?.focus();
    return true;
  };

  const addFields = createFieldProblems("member", ["user"]);
  const addMember = async (e: SubmitEvent) => {
    e.preventDefault();
    if (addFields.show({ user: chosen().userId ? undefined : t("members.pickPerson") })) return;
    try {
      const person = chosenPerson();
      await api.post(`/cases/${params.caseId}/members`, chosen());
      setMessage({
        at: "add",
        text: t("members.added", {
          name: person?.name ?? "",
          role: t(`role.${chosen().role}`).toLowerCase(),
        }),
      });
      setChosen({ userId: "", role: "professional" });
      refetch();
    } catch (err) {
      failed("add", err);
    }
  };
  // Removing asks first, in the page under the table (as ending a conference does): the question
  // names the person and gets the keyboard; Annuleren or Escape gives it back to the row's button.
  const [removing, setRemoving] = createSignal<{
    userId: string;
    name: string;
    button: HTMLButtonElement;
  } | null>(null);
  const answerRemove = async (yes: boolean) => {
    const asked = removing();
    setRemoving(null);
    if (!asked) return;
    asked.button.focus();
    if (!yes) return;
    const { name } = asked;
    try {
      await api.delete(`/cases/${params.caseId}/members/${asked.userId}`);
      // The row and its buttons go: the keyboard goes to the message that says who left.
      setMessage({ at: "members", text: t("members.removed", { name }) });
      memberStatus?.focus();
      refetch();
    } catch (err) {
      failed("members", err);
    }
  };

  const [readerIds, setReaderIds] = createSignal<string[]>([]);
  // Ticked but not saved: a change elsewhere (another member added) must not untick them.
  const [readersEdited, setReadersEdited] = createSignal(false);
  createEffect(() => {
    const saved = settled(readers)?.userIds ?? [];
    if (!untrack(readersEdited)) setReaderIds(saved);
  });
  const toggleReader = (id: string, on: boolean) => {
    setReadersEdited(true);
    setReaderIds(on ? [...readerIds(), id] : readerIds().filter((x) => x !== id));
  };
  const saveReaders = async (e: SubmitEvent) => {
    e.preventDefault();
    try {
      const saved = await api.put<{ userIds: string[] }>(
        `/cases/${params.caseId}/sections/confidential/readers`,
        { userIds: readerIds() },
      );
      setReadersEdited(false);
      setReaderIds(saved.userIds);
      setMessage({ at: "readers", text: t("members.readersSaved") });
      refetch();
    } catch (err) {
      failed("readers", err);
    }
  };

  /** Set when this page was given emergency access: the form goes, so the keyboard goes to the notice. */
  const [justGranted, setJustGranted] = createSignal(false);

  const [invite, setInvite] = createSignal({ name: "", email: "" });
  const [link, setLink] = createSignal<{ url: string; expiresAt: string; name: string } | null>(null);
  /** What the copy button did: said beside it, in a live region. */
  const [copied, setCopied] = createSignal<"" | "done" | "failed">("");
  const inviteFields = createFieldProblems("invite", ["name", "email"]);
  let inviteMade: HTMLParagraphElement | undefined;
  /** A refusal at the field it is about (a taken address at the e-mail address); anything else below the form. */
  const inviteRefused = (err: unknown) => {
    if (!(err instanceof ApiError)) return failed("invite", err);
    const byField: { name?: string; email?: string } = {};
    const rest: string[] = [];
    for (const d of err.details ?? []) {
      if (d.path === "name" || d.path === "email") byField[d.path] ??= d.message;
      else rest.push(d.message);
    }
    if (err.status === 409) byField.email = err.message;
    else if (!err.details?.length) rest.push(err.message);
    if (rest.length) setMessage({ at: "invite", text: rest.join(" "), error: true });
    inviteFields.show(byField);
  };
  const createInvite = async (e: SubmitEvent) => {
    e.preventDefault();
    // An earlier answer of the server no longer stands beside what is said now.
    if (message()?.at === "invite") setMessage(null);
    if (inviteFields.show(personProblems(invite()))) return;
    try {
      const res = await api.post<{ path: string; expiresAt: string }>(`/cases/${params.caseId}/invitations`, {
        ...invite(),
        role: "expertByExperience",
      });
      setLink({
        url: `${window.location.origin}${res.path}`,
        expiresAt: res.expiresAt,
        name: invite().name.trim(),
      });
      setCopied("");
      setInvite({ name: "", email: "" });
      setMessage(null);
      refetchInvitations();
      // The form is empty now: the keyboard goes to what was made, with the link right after it.
      inviteMade?.focus();
    } catch (err) {
      inviteRefused(err);
    }
  };
  const copyLink = async () => {
    const l = link();
    if (!l) return;
    try {
      await navigator.clipboard.writeText(l.url);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  };

  return (
    <div class="ep-stack">
      <Show when={data.error}>
        {(err) => (
          <>
            <h1 class="utrecht-heading-1">{t("members.title")}</h1>
            <CaseUnavailable error={err()} />
          </>
        )}
      </Show>
      <Show when={detail()}>
        {(c) => (
          <>
            <CaseHeader case={c()} />
            <h2 class="utrecht-heading-2">{t("members.title")}</h2>
            <p>{t("members.intro")}</p>
            <Show when={c().breakGlassActive}>
              <BreakGlassActive
                until={c().breakGlassUntil}
                ref={(el) => {
                  if (justGranted()) requestAnimationFrame(() => el.focus());
                }}
              >
                <p>
                  <A href={`/casussen/${c().id}`} state={toNotice}>
                    {t("members.breakGlassToPlan")}
                  </A>
                </p>
              </BreakGlassActive>
            </Show>
            <Show when={offerBreakGlass() && breakGlassFirst()}>{breakGlassForm(c().id)}</Show>
            <Show when={c().members.length > 0} fallback={<p>{t("members.empty")}</p>}>
              <ScrollTable label={t("members.title")}>
                <table class="ep-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("members.name")}</th>
                      <th scope="col">{t("members.organisation")}</th>
                      <th scope="col">{t("members.role")}</th>
                      <Show when={may("manageMembers")}>
                        <th scope="col">
                          <span class="ep-visually-hidden">{t("admin.actions")}</span>
                        </th>
                      </Show>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={memberIds()}>
                      {(id) => (
                        <MemberRow
                          caseId={c().id}
                          member={memberById(id)}
                          director={director()}
                          reader={settled(readers)?.userIds.includes(id) ?? false}
                          manage={may("manageMembers")}
                          onRemove={(button) =>
                            setRemoving({ userId: id, name: memberById(id).name, button })
                          }
                          onChanged={roleChanged}
                        />
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollTable>
            </Show>
            <Show when={removing()} keyed>
              {(r) => (
                <div class="ep-card">
                  <Confirm
                    question={t("members.confirmRemove", { name: r.name })}
                    yes={t("members.confirmRemoveYes")}
                    no={t("members.cancelRemove")}
                    onAnswer={(yes) => void answerRemove(yes)}
                  />
                </div>
              )}
            </Show>
            <Feedback at="members" ref={(el) => (memberStatus = el)} />
            <Show when={created}>{(said) => <CaseCreated caseId={c().id} created={said()} />}</Show>

            <Show when={may("manageMembers")}>
              <form class="ep-card" noValidate onSubmit={addMember}>
                <h3 class="utrecht-heading-3">{t("members.add")}</h3>
                <div class="ep-inline-form">
                  <Field id="member-user" label={t("members.person")} error={addFields.problem("user")}>
                    {(control) => (
                      <select
                        {...control}
                        class="utrecht-select utrecht-select--html-select"
                        required
                        value={chosen().userId}
                        onChange={(e) => {
                          // Another person starts again at their own default role: a role picked for
                          // the one before (say, ervaringsdeskundige) does not carry over to them.
                          const userId = e.currentTarget.value;
                          setChosen({ userId, role: defaultRole(rolesFor(candidate(userId))) });
                          addFields.changed("user");
                        }}
                      >
                        <option value="">{t("members.choose")}</option>
                        <For each={settled(candidates)?.users}>
                          {(u) => (
                            <option value={u.id} selected={chosen().userId === u.id}>
                              {u.name}
                              {u.organisationName ? ` (${u.organisationName})` : ""}
                              {u.expertByExperience ? ` — ${t("role.expertByExperience").toLowerCase()}` : ""}
                            </option>
                          )}
                        </For>
                      </select>
                    )}
                  </Field>
                  <Field
                    id="member-role"
                    label={t("members.role")}
                    hint={chosenPerson()?.expertByExperience ? t("members.expertOnly") : undefined}
                  >
                    {(control) => (
                      <select
                        {...control}
                        class="utrecht-select utrecht-select--html-select"
                        value={chosen().role}
                        onChange={(e) => setChosen({ ...chosen(), role: e.currentTarget.value as CaseRole })}
                      >
                        <For each={addableRoles()}>
                          {(r) => (
                            <option value={r} selected={r === chosen().role}>
                              {t(`role.${r}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    )}
                  </Field>
                  <button type="submit" class="utrecht-button utrecht-button--primary-action">
                    {t("members.addSubmit")}
                  </button>
                </div>
                <Feedback at="add" />
              </form>

              <form class="ep-card" onSubmit={saveReaders}>
                <fieldset class="ep-fieldset">
                  <legend class="utrecht-heading-3">{t("members.confidential")}</legend>
                  <p>{t("members.confidentialIntro")}</p>
                  <For each={memberIds().filter((id) => mayBeNamedReader(memberById(id).role))}>
                    {(id) => (
                      <div class="ep-checkbox">
                        <input
                          type="checkbox"
                          id={`reader-${id}`}
                          class="utrecht-checkbox utrecht-checkbox--html-input"
                          checked={readerIds().includes(id)}
                          onChange={(e) => toggleReader(id, e.currentTarget.checked)}
                        />
                        <label for={`reader-${id}`}>
                          {memberById(id).name} — {t(`role.${memberById(id).role}`)}
                        </label>
                      </div>
                    )}
                  </For>
                </fieldset>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                  {t("members.saveReaders")}
                </button>
                <Feedback at="readers" />
              </form>
            </Show>

            <Show when={may("invite")}>
              <section class="ep-card ep-stack" aria-labelledby="invite-heading">
                <h3 class="utrecht-heading-3" id="invite-heading">
                  {t("members.invite")}
                </h3>
                <p>{t("members.inviteIntro")}</p>
                <form class="ep-inline-form" noValidate onSubmit={createInvite}>
                  <PersonFields
                    id="invite"
                    labels={{ name: t("members.inviteName"), email: t("members.inviteEmail") }}
                    value={invite()}
                    onChange={setInvite}
                    fields={inviteFields}
                  />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action">
                    {t("members.inviteSubmit")}
                  </button>
                </form>
                <Feedback at="invite" />
                <Show when={link()}>
                  {(l) => (
                    <div class="ep-stack">
                      <p ref={inviteMade} class="ep-notice ep-notice--done" role="status" tabindex="-1">
                        {t("members.inviteMade", { name: l().name, date: formatDate(l().expiresAt, true) })}
                      </p>
                      <label class="utrecht-form-label" for="invite-link">
                        {t("members.inviteLink")}
                      </label>
                      <input
                        id="invite-link"
                        class="utrecht-textbox utrecht-textbox--html-input ep-link-box"
                        readonly
                        value={l().url}
                        onFocus={(e) => e.currentTarget.select()}
                      />
                      <button
                        type="button"
                        class="utrecht-button utrecht-button--secondary-action"
                        onClick={copyLink}
                      >
                        {t("members.inviteCopy")}
                      </button>
                      <p class="ep-live" role="status">
                        {copied() === "done"
                          ? t("members.inviteCopied")
                          : copied() === "failed"
                            ? t("members.inviteCopyFailed")
                            : ""}
                      </p>
                    </div>
                  )}
                </Show>
                <Show when={(settled(invitations)?.invitations.length ?? 0) > 0}>
                  <h4 class="utrecht-heading-4">{t("members.invitations")}</h4>
                  <ul>
                    <For each={settled(invitations)?.invitations}>
                      {(i) => (
                        <li>
                          {i.name} ({t(`role.${i.role}`)}):{" "}
                          {i.usedAt
                            ? t("members.invitationUsed", { date: formatDate(i.usedAt, true) })
                            : new Date(i.expiresAt) < new Date()
                              ? t("members.invitationExpired")
                              : t("members.invitationOpen", { date: formatDate(i.expiresAt, true) })}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            </Show>
            <Show when={offerBreakGlass() && !breakGlassFirst()}>{breakGlassForm(c().id)}</Show>
          </>
        )}
      </Show>
    </div>
  );
}

/**
 * "Casus … is geregistreerd.", right above the member form, with the keyboard on it: the form the
 * case was registered with is gone. A case with a huisverbod says where its days are recorded.
 */
function CaseCreated(props: { caseId: string; created: NonNullable<CaseCreatedNotice["created"]> }) {
  let line: HTMLParagraphElement | undefined;
  onMount(() => line?.focus());
  // The link sits in the middle of the sentence, where the translation puts {tab}.
  const part = (i: 0 | 1) => t("newCase.restrainingOrder").split("{tab}")[i];
  return (
    <p ref={line} class="ep-notice ep-notice--done" role="status" tabindex="-1">
      {t("newCase.created", { reference: props.created.reference })}
      <Show when={props.created.restrainingOrder}>
        {" "}
        {part(0)}
        <A href={`/casussen/${props.caseId}/fase`}>{t("caseTabs.phase")}</A>
        {part(1)}
      </Show>
    </p>
  );
}
