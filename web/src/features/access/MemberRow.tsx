/** One member in the members table, with the small form that gives them another role on the case. */
import { createSignal, For, onMount, Show } from "solid-js";
import { type CaseRole, caseRoles } from "../../../../shared/domain";
import { mayBeNamedReader } from "../../../../shared/plan";
import { t } from "../../i18n";
import { api } from "../../lib/api";
import type { CaseMember } from "../../lib/case";
import { apiProblem, createFieldProblems, describedBy, Field } from "../../lib/form";

/** The server's answer to a role change: making someone case director hands the regie over. */
export interface RoleChange {
  userId: string;
  role: CaseRole;
  previousCaseDirector: { userId: string; role: "professional" } | null;
}

/** Props of a row; `manage` is whether the user may change members (coordinator, chair). */
export interface MemberRowProps {
  caseId: string;
  member: CaseMember;
  /** The case's case director, if any. */
  director: CaseMember | undefined;
  /** Whether this member reads the confidential section now. */
  reader: boolean;
  manage: boolean;
  /** Asks to remove the member; `button` is the row's Verwijderen, to give the keyboard back to. */
  onRemove: (button: HTMLButtonElement) => void;
  /** After a saved change; returns whether it put the keyboard focus somewhere itself. */
  onChanged: (change: RoleChange) => boolean;
}

/**
 * A member's row. The case director's row offers no change and no removal: the regie passes on
 * only by making another member case director, so a case is never left without one by accident.
 */
export function MemberRow(props: MemberRowProps) {
  const [open, setOpen] = createSignal(false);
  let toggle: HTMLButtonElement | undefined;
  const isDirector = () => props.member.role === "caseDirector";
  const formId = () => `role-${props.member.userId}`;
  const close = () => {
    setOpen(false);
    toggle?.focus();
  };
  return (
    <tr>
      <td>{props.member.name}</td>
      <td>{props.member.organisation?.name ?? t("members.none")}</td>
      <td>
        <Show when={open() && !isDirector()} fallback={t(`role.${props.member.role}`)}>
          <RoleForm
            id={formId()}
            caseId={props.caseId}
            member={props.member}
            director={props.director}
            reader={props.reader}
            onCancel={close}
            onSaved={(change) => {
              setOpen(false);
              if (!props.onChanged(change)) toggle?.focus();
            }}
          />
        </Show>
      </td>
      <Show when={props.manage}>
        <td>
          <Show
            when={!isDirector()}
            fallback={<p class="ep-muted ep-member-note">{t("members.directorStays")}</p>}
          >
            <div class="ep-actions">
              <button
                type="button"
                ref={toggle}
                class="utrecht-button utrecht-button--secondary-action"
                aria-label={t("members.changeRoleLabel", { name: props.member.name })}
                aria-expanded={open()}
                aria-controls={open() ? `${formId()}-form` : undefined}
                onClick={() => (open() ? close() : setOpen(true))}
              >
                {t("members.changeRole")}
              </button>
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                aria-label={t("members.removeLabel", { name: props.member.name })}
                onClick={(e) => props.onRemove(e.currentTarget)}
              >
                {t("members.remove")}
              </button>
            </div>
          </Show>
        </td>
      </Show>
    </tr>
  );
}

/** The role cell as a form: the new role, what it will also change, save or cancel (Escape). */
function RoleForm(props: {
  id: string;
  caseId: string;
  member: CaseMember;
  director: CaseMember | undefined;
  reader: boolean;
  onCancel: () => void;
  onSaved: (change: RoleChange) => void;
}) {
  const [role, setRole] = createSignal<CaseRole>(props.member.role);
  // An ervaringsdeskundige has no organisation account (DOMAIN.md): a member with one is not offered
  // that role (the server refuses it, and other reasons it has, at the select).
  const roles = () =>
    caseRoles.filter(
      (r) => r !== "expertByExperience" || !props.member.organisation || props.member.role === r,
    );
  const [busy, setBusy] = createSignal(false);
  const fields = createFieldProblems(props.id, ["role"] as const);
  const noteId = `${props.id}-note`;
  let select: HTMLSelectElement | undefined;
  onMount(() => select?.focus());
  /** Said before saving: who loses the regie, or who stops reading the confidential section. */
  const note = () => {
    const d = props.director;
    if (role() === "caseDirector" && d && d.userId !== props.member.userId) {
      return t("members.handoverNote", { name: d.name });
    }
    if (props.reader && !mayBeNamedReader(role()))
      return t("members.leavesReaders", { name: props.member.name });
    return "";
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (role() === props.member.role) return props.onCancel();
    setBusy(true);
    try {
      const change = await api.patch<RoleChange>(`/cases/${props.caseId}/members/${props.member.userId}`, {
        role: role(),
      });
      props.onSaved(change);
    } catch (err) {
      // A refusal (say, the regie cannot leave its holder this way) is shown at the select, in the server's words.
      fields.show({ role: apiProblem(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      id={`${props.id}-form`}
      class="ep-role-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <Field
        id={`${props.id}-role`}
        label={t("members.newRole", { name: props.member.name })}
        error={fields.problem("role")}
      >
        {(control) => (
          <>
            <select
              {...control}
              // The note below the select (a live region, not a hint) says what else the new role changes.
              aria-describedby={describedBy(note() && noteId, control["aria-describedby"])}
              ref={select}
              class="utrecht-select utrecht-select--html-select"
              value={role()}
              onChange={(e) => {
                setRole(e.currentTarget.value as CaseRole);
                fields.changed("role");
              }}
            >
              <For each={roles()}>
                {(r) => (
                  <option value={r} selected={r === role()}>
                    {t(`role.${r}`)}
                  </option>
                )}
              </For>
            </select>
            <p id={noteId} class="ep-muted" role="status" aria-live="polite">
              {note()}
            </p>
          </>
        )}
      </Field>
      <div class="ep-actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t("members.saveRole")}
        </button>
        <button
          type="button"
          class="utrecht-button utrecht-button--secondary-action"
          onClick={props.onCancel}
        >
          {t("members.cancelRole")}
        </button>
      </div>
    </form>
  );
}
