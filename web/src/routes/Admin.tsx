/** `/beheer`: organisations and accounts of the region, and the integrity check of the audit log. */
import { createResource, createSignal, For, Show } from "solid-js";
import { globalRoles, organisationKinds } from "../../../shared/domain";
import { Confirm } from "../components/Confirm";
import { ScrollTable } from "../components/ScrollTable";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { createFieldProblems, Field, PersonFields, personProblems } from "../lib/form";
import { me } from "../lib/session";

interface Organisation {
  id: string;
  name: string;
  kind: string;
}
interface Account {
  id: string;
  name: string;
  email: string;
  organisationId: string | null;
  globalRole: string;
  totpEnabled: boolean;
  disabled: boolean;
}

/** What the page says after each action on an account; `{name}` is the account's. */
const actDone = {
  disable: "admin.disabledDone",
  enable: "admin.enabledDone",
  "reset-second-factor": "admin.resetDone",
} as const;

/** What is asked before blocking or unlinking; `{name}` is the account's. */
const asks = {
  disable: { question: "admin.confirmDisable", yes: "admin.confirmDisableYes" },
  "reset-second-factor": { question: "admin.confirmReset", yes: "admin.confirmResetYes" },
} as const;

const problem = (err: unknown) =>
  err instanceof ApiError ? (err.details?.map((d) => d.message).join(" ") ?? err.message) : t("app.error");

/** The page; rendered as a component so its body is never tracked by the caller (main.tsx calls pages directly). */
export function Admin() {
  return <AdminPage />;
}

function AdminPage() {
  const [orgs, { refetch: refetchOrgs }] = createResource(() =>
    api.get<{ organisations: Organisation[] }>("/admin/organisations"),
  );
  const [accounts, { refetch: refetchAccounts }] = createResource(() =>
    api.get<{ users: Account[] }>("/admin/users"),
  );
  // The page's one message: what the server last answered. Each form clears it when sent, so an
  // earlier answer never stands beside the problems now shown at the fields; a start password,
  // shown only once, stays until the next answer replaces it.
  const [message, setMessage] = createSignal<{ text: string; error?: boolean; secret?: string } | null>(null);
  const clearMessage = () => setMessage((m) => (m?.secret ? m : null));
  let messageCard: HTMLDivElement | undefined;
  /**
   * Says what happened and takes the keyboard (and the screen) to it: for a message that is the
   * only thing left of what was done and stands above the table, far from where the keyboard was.
   */
  const showInView = (m: { text: string; secret?: string }) => {
    setMessage(m);
    messageCard?.focus();
  };
  const orgName = (id: string | null) => orgs()?.organisations.find((o) => o.id === id)?.name ?? "—";

  const [orgForm, setOrgForm] = createSignal({ name: "", kind: "overig" });
  const orgFields = createFieldProblems("org", ["name"]);
  const addOrganisation = async (e: SubmitEvent) => {
    e.preventDefault();
    clearMessage();
    if (orgFields.show({ name: orgForm().name.trim() ? undefined : t("admin.orgNameMissing") })) return;
    try {
      await api.post("/admin/organisations", orgForm());
      setMessage({ text: t("admin.orgAdded", { name: orgForm().name.trim() }) });
      setOrgForm({ name: "", kind: "overig" });
      refetchOrgs();
    } catch (err) {
      setMessage({ text: problem(err), error: true });
    }
  };

  const [userForm, setUserForm] = createSignal({
    name: "",
    email: "",
    organisationId: "",
    globalRole: "none",
  });
  const userFields = createFieldProblems("acc", ["name", "email"]);
  const addAccount = async (e: SubmitEvent) => {
    e.preventDefault();
    clearMessage();
    const f = userForm();
    if (userFields.show(personProblems(f))) return;
    try {
      const res = await api.post<{ startPassword: string }>("/admin/users", {
        ...f,
        organisationId: f.organisationId || null,
      });
      setUserForm({ name: "", email: "", organisationId: "", globalRole: "none" });
      // The start password is shown once, above the table, far from this form.
      showInView({ text: t("admin.created"), secret: res.startPassword });
      refetchAccounts();
    } catch (err) {
      setMessage({ text: problem(err), error: true });
    }
  };

  // The row's Blokkeren or Deblokkeren button (one of them is there), to give the keyboard back to.
  const blockButtons = new Map<string, HTMLButtonElement>();
  /**
   * Blocks, unblocks or resets an account and says what happened to whom; the keyboard goes to the
   * row's button that took the place of the one pressed, or to the message when none did.
   */
  const act = async (account: Account, path: keyof typeof actDone) => {
    try {
      await api.post(`/admin/users/${account.id}/${path}`);
      const text = t(actDone[path], { name: account.name });
      if (path === "reset-second-factor") {
        // The reset button goes with the second step and nothing takes its place in the row.
        showInView({ text });
        await refetchAccounts();
        return;
      }
      setMessage({ text });
      // The table is drawn anew and Blokkeren became Deblokkeren: focus lands on that in its place.
      await refetchAccounts();
      blockButtons.get(account.id)?.focus();
    } catch (err) {
      setMessage({ text: problem(err), error: true });
    }
  };

  // Blocking and unlinking ask first, in the page under the table (as ending a conference does): the
  // question names the person and gets the keyboard; Annuleren or Escape gives it back to the row.
  const [asking, setAsking] = createSignal<{
    account: Account;
    path: keyof typeof asks;
    /** The row's button that asked. */
    button: HTMLButtonElement;
  } | null>(null);
  const answer = (yes: boolean) => {
    const a = asking();
    if (!a) return;
    setAsking(null);
    a.button.focus();
    if (yes) void act(a.account, a.path);
  };

  // Changing an account: one at a time, in a form under the table; focus goes there and back.
  const [editing, setEditing] = createSignal<Account | null>(null);
  const [editForm, setEditForm] = createSignal({ name: "", organisationId: "", globalRole: "none" });
  const editFields = createFieldProblems("acc-edit", ["name"]);
  const editButtons = new Map<string, HTMLButtonElement>();
  let editName: HTMLInputElement | undefined;
  const startEdit = (account: Account) => {
    setEditing(account);
    setEditForm({
      name: account.name,
      organisationId: account.organisationId ?? "",
      globalRole: account.globalRole,
    });
    clearMessage();
    editFields.show({});
    editName?.focus();
  };
  const stopEdit = () => {
    const id = editing()?.id;
    setEditing(null);
    if (id) editButtons.get(id)?.focus();
  };
  const saveEdit = async (e: SubmitEvent) => {
    e.preventDefault();
    const account = editing();
    if (!account) return;
    clearMessage();
    const f = editForm();
    if (editFields.show({ name: f.name.trim() ? undefined : t("admin.nameMissing") })) return;
    try {
      await api.patch(`/admin/users/${account.id}`, {
        name: f.name,
        organisationId: f.organisationId || null,
        ...(account.id === me()?.id ? {} : { globalRole: f.globalRole }),
      });
      const roleChanged = account.id !== me()?.id && f.globalRole !== account.globalRole;
      setMessage({ text: roleChanged ? t("admin.savedSignIn", { name: f.name }) : t("admin.saved") });
      setEditing(null);
      // The table is drawn anew: focus the row's button once it is there.
      await refetchAccounts();
      editButtons.get(account.id)?.focus();
    } catch (err) {
      setMessage({ text: problem(err), error: true });
    }
  };

  const [chain, setChain] = createSignal<{ ok: boolean; count: number; brokenAtId?: number } | null>(null);
  const verify = async () => setChain(await api.get("/admin/audit/verify"));

  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("admin.title")}</h1>
      {/* Always in the page, empty while there is nothing to say: a live region that appears
          together with its text is often not read out. */}
      <div role="status" class="ep-live">
        <Show when={message()?.error ? undefined : message()}>
          {(m) => (
            <div class="ep-card" tabindex="-1" ref={(el) => (messageCard = el)}>
              <p>{m().text}</p>
              <Show when={m().secret}>
                <p>
                  <code class="ep-secret">{m().secret}</code>
                </p>
              </Show>
            </div>
          )}
        </Show>
      </div>
      <Show when={message()?.error ? message() : undefined}>
        {(m) => (
          <div role="alert" class="ep-error">
            <p>{m().text}</p>
          </div>
        )}
      </Show>

      <section class="ep-stack" aria-labelledby="admin-accounts">
        <h2 class="utrecht-heading-2" id="admin-accounts">
          {t("admin.accounts")}
        </h2>
        <ScrollTable label={t("admin.accounts")}>
          <table class="ep-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.organisation")}</th>
                <th scope="col">{t("admin.globalRole")}</th>
                <th scope="col">{t("admin.secondFactor")}</th>
                <th scope="col">{t("admin.status")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={accounts()?.users}>
                {(u) => (
                  <tr>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{orgName(u.organisationId)}</td>
                    <td>{t(`globalRole.${u.globalRole}`)}</td>
                    <td>{u.totpEnabled ? t("admin.totpOn") : t("admin.totpOff")}</td>
                    <td>
                      <span class={u.disabled ? "ep-badge ep-badge--danger" : "ep-badge ep-badge--ok"}>
                        {u.disabled ? t("admin.disabled") : t("admin.active")}
                      </span>
                    </td>
                    <td>
                      <div class="ep-actions">
                        <button
                          type="button"
                          class="utrecht-button utrecht-button--secondary-action"
                          aria-label={`${t("admin.edit")}: ${u.name}`}
                          aria-expanded={editing()?.id === u.id}
                          ref={(el) => editButtons.set(u.id, el)}
                          onClick={() => startEdit(u)}
                        >
                          {t("admin.edit")}
                        </button>
                        <Show when={u.id !== me()?.id}>
                          <Show
                            when={u.disabled}
                            fallback={
                              <button
                                type="button"
                                class="utrecht-button utrecht-button--secondary-action"
                                ref={(el) => blockButtons.set(u.id, el)}
                                aria-label={`${t("admin.disable")}: ${u.name}`}
                                onClick={(e) =>
                                  setAsking({ account: u, path: "disable", button: e.currentTarget })
                                }
                              >
                                {t("admin.disable")}
                              </button>
                            }
                          >
                            <button
                              type="button"
                              class="utrecht-button utrecht-button--secondary-action"
                              ref={(el) => blockButtons.set(u.id, el)}
                              aria-label={`${t("admin.enable")}: ${u.name}`}
                              onClick={() => act(u, "enable")}
                            >
                              {t("admin.enable")}
                            </button>
                          </Show>
                        </Show>
                        <Show when={u.totpEnabled}>
                          <button
                            type="button"
                            class="utrecht-button utrecht-button--secondary-action"
                            aria-label={`${t("admin.resetTotp")}: ${u.name}`}
                            onClick={(e) =>
                              setAsking({ account: u, path: "reset-second-factor", button: e.currentTarget })
                            }
                          >
                            {t("admin.resetTotp")}
                          </button>
                        </Show>
                      </div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollTable>
        <Show when={asking()} keyed>
          {(a) => (
            <div class="ep-card">
              <Confirm
                question={t(asks[a.path].question, { name: a.account.name })}
                yes={t(asks[a.path].yes)}
                no={t("admin.cancel")}
                onAnswer={answer}
              />
            </div>
          )}
        </Show>
        <Show when={editing()}>
          {(account) => (
            <form
              class="ep-card ep-stack"
              aria-labelledby="acc-edit-title"
              noValidate
              onSubmit={saveEdit}
              onKeyDown={(e) => {
                if (e.key === "Escape") stopEdit();
              }}
            >
              <h3 class="utrecht-heading-3" id="acc-edit-title">
                {t("admin.editTitle", { name: account().name })}
              </h3>
              <p class="ep-muted">{t("admin.editIntro", { email: account().email })}</p>
              <div class="ep-inline-form">
                <Field id="acc-edit-name" label={t("admin.name")} error={editFields.problem("name")}>
                  {(control) => (
                    <input
                      {...control}
                      ref={(el) => {
                        editName = el;
                        queueMicrotask(() => el.focus());
                      }}
                      class="utrecht-textbox utrecht-textbox--html-input"
                      required
                      value={editForm().name}
                      onInput={(e) => {
                        setEditForm({ ...editForm(), name: e.currentTarget.value });
                        editFields.changed("name");
                      }}
                    />
                  )}
                </Field>
                <Field id="acc-edit-org" label={t("admin.organisation")}>
                  <select
                    id="acc-edit-org"
                    class="utrecht-select utrecht-select--html-select"
                    value={editForm().organisationId}
                    onChange={(e) => setEditForm({ ...editForm(), organisationId: e.currentTarget.value })}
                  >
                    <option value="">{t("admin.noOrganisation")}</option>
                    <For each={orgs()?.organisations}>{(o) => <option value={o.id}>{o.name}</option>}</For>
                  </select>
                </Field>
                <Field id="acc-edit-role" label={t("admin.globalRole")}>
                  <select
                    id="acc-edit-role"
                    class="utrecht-select utrecht-select--html-select"
                    value={editForm().globalRole}
                    disabled={account().id === me()?.id}
                    aria-describedby="acc-edit-role-hint"
                    onChange={(e) => setEditForm({ ...editForm(), globalRole: e.currentTarget.value })}
                  >
                    <For each={globalRoles}>{(r) => <option value={r}>{t(`globalRole.${r}`)}</option>}</For>
                  </select>
                </Field>
              </div>
              <p class="ep-muted" id="acc-edit-role-hint">
                {account().id === me()?.id ? t("admin.ownRole") : t("admin.roleSignIn")}
              </p>
              <div class="ep-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action">
                  {t("admin.save")}
                </button>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  onClick={stopEdit}
                >
                  {t("admin.cancel")}
                </button>
              </div>
            </form>
          )}
        </Show>
        <form class="ep-card ep-inline-form" noValidate onSubmit={addAccount}>
          <h3 class="utrecht-heading-3">{t("admin.addAccount")}</h3>
          <PersonFields
            id="acc"
            labels={{ name: t("admin.name"), email: t("admin.email") }}
            value={userForm()}
            onChange={setUserForm}
            fields={userFields}
          />
          <Field id="acc-org" label={t("admin.organisation")}>
            <select
              id="acc-org"
              class="utrecht-select utrecht-select--html-select"
              value={userForm().organisationId}
              onChange={(e) => setUserForm({ ...userForm(), organisationId: e.currentTarget.value })}
            >
              <option value="">{t("admin.noOrganisation")}</option>
              <For each={orgs()?.organisations}>{(o) => <option value={o.id}>{o.name}</option>}</For>
            </select>
          </Field>
          <Field id="acc-role" label={t("admin.globalRole")}>
            <select
              id="acc-role"
              class="utrecht-select utrecht-select--html-select"
              value={userForm().globalRole}
              onChange={(e) => setUserForm({ ...userForm(), globalRole: e.currentTarget.value })}
            >
              <For each={globalRoles}>{(r) => <option value={r}>{t(`globalRole.${r}`)}</option>}</For>
            </select>
          </Field>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("admin.addAccount")}
          </button>
        </form>
      </section>

      <section class="ep-stack" aria-labelledby="admin-orgs">
        <h2 class="utrecht-heading-2" id="admin-orgs">
          {t("admin.organisations")}
        </h2>
        <ScrollTable label={t("admin.organisations")}>
          <table class="ep-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.orgName")}</th>
                <th scope="col">{t("admin.orgKind")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={orgs()?.organisations}>
                {(o) => (
                  <tr>
                    <td>{o.name}</td>
                    <td>{t(`orgKind.${o.kind}`)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollTable>
        <form class="ep-card ep-inline-form" noValidate onSubmit={addOrganisation}>
          <h3 class="utrecht-heading-3">{t("admin.addOrganisation")}</h3>
          <Field id="org-name" label={t("admin.orgName")} error={orgFields.problem("name")}>
            {(control) => (
              <input
                {...control}
                class="utrecht-textbox utrecht-textbox--html-input"
                required
                value={orgForm().name}
                onInput={(e) => {
                  setOrgForm({ ...orgForm(), name: e.currentTarget.value });
                  orgFields.changed("name");
                }}
              />
            )}
          </Field>
          <Field id="org-kind" label={t("admin.orgKind")}>
            <select
              id="org-kind"
              class="utrecht-select utrecht-select--html-select"
              value={orgForm().kind}
              onChange={(e) => setOrgForm({ ...orgForm(), kind: e.currentTarget.value })}
            >
              <For each={organisationKinds}>{(k) => <option value={k}>{t(`orgKind.${k}`)}</option>}</For>
            </select>
          </Field>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("admin.addOrganisation")}
          </button>
        </form>
      </section>

      <section class="ep-stack" aria-labelledby="admin-chain">
        <h2 class="utrecht-heading-2" id="admin-chain">
          {t("admin.chain")}
        </h2>
        <p>{t("admin.chainIntro")}</p>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={verify}>
          {t("admin.chainVerify")}
        </button>
        <Show when={chain()}>
          {(c) => (
            <p role="status" class={c().ok ? "" : "ep-error"}>
              {c().ok
                ? t("admin.chainOk", { count: c().count })
                : t("admin.chainBroken", { id: c().brokenAtId ?? "?" })}
            </p>
          )}
        </Show>
      </section>
    </div>
  );
}
