/** `/casussen/:caseId/leden`: members and their roles, the confidential reader list, invitations, break-glass. */
import { A, useLocation, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show, untrack } from "solid-js";
import { type CaseRole, caseRoles } from "../../../shared/domain";
import { mayBeNamedReader } from "../../../shared/plan";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { Confirm } from "../components/Confirm";
import { ScrollTable } from "../components/ScrollTable";
import { BreakGlassActive, BreakGlassForm, breakGlassAnchor } from "../features/access/BreakGlass";
import { MemberRow, type RoleChange } from "../features/access/MemberRow";
import { formatDate, t } from "../i18n";
import { api } from "../lib/api";
import { type CaseMember, caseLead, createCase } from "../lib/case";
import { apiProblem, createFieldProblems, Field, PersonFields, personProblems } from "../lib/form";
import { keysOf } from "../lib/keyed";
import { settled } from "../lib/resource";

interface Candidate {
  id: string;
  name: string;
  organisationName: string | null;
  /** Takes part as an ervaringsdeskundige (on another case, or invited as one): only that role. */
  expertByExperience: boolean;
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
  const chosenPerson = () => settled(candidates)?.users.find((u) => u.id === chosen().userId);
  // One case director at most: a second is made by handing the regie over, not by adding one. An
  // ervaringsdeskundige is added as one, never in a role that reads police or justice information.
  const addableRoles = (): readonly CaseRole[] =>
    chosenPerson()?.expertByExperience
      ? ["expertByExperience"]
      : caseRoles.filter((r) => r !== "caseDirector" || !director());
  createEffect(() => {
    const roles = addableRoles();
    if (!roles.includes(chosen().role))
      setChosen({ ...chosen(), role: roles.includes("professional") ? "professional" : roles[0] });
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
  const [link, setLink] = createSignal<{ url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = createSignal(false);
  const inviteFields = createFieldProblems("invite", ["name", "email"]);
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
      setLink({ url: `${window.location.origin}${res.path}`, expiresAt: res.expiresAt });
      setCopied(false);
      setInvite({ name: "", email: "" });
      setMessage(null);
      refetchInvitations();
    } catch (err) {
      failed("invite", err);
    }
  };
  const copyLink = async () => {
    const l = link();
    if (!l) return;
    try {
      await navigator.clipboard.writeText(l.url);
      setCopied(true);
    } catch {
      setCopied(false);
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
                  <A href={`/casussen/${c().id}`}>{t("members.breakGlassToPlan")}</A>
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
                          setChosen({ ...chosen(), userId: e.currentTarget.value });
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
                    <div class="ep-stack" role="status">
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
                      <p class="ep-muted">
                        {t("members.inviteValid", { date: formatDate(l().expiresAt, true) })}
                      </p>
                      <button
                        type="button"
                        class="utrecht-button utrecht-button--secondary-action"
                        onClick={copyLink}
                      >
                        {t("members.inviteCopy")}
                      </button>
                      <Show when={copied()}>
                        <span>{t("members.inviteCopied")}</span>
                      </Show>
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
