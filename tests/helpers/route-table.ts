/**
 * Every HTTP route with the answer each kind of caller must get (`CONTRACT.md`). The authorisation
 * matrix (`tests/server/access/matrix.test.ts`) runs the table in order for every role, on the demo
 * case. Add your routes here: a row per route, bodies valid so that an allowed caller gets the
 * success status, and each role's run must leave the data as it found it (add, then remove).
 */

/** The callers the matrix tries. */
export const matrixRoles = [
  "anonymous",
  "expired",
  "disabled",
  "buitenstaander",
  "ervaringsdeskundige",
  "coordinator",
  "voorzitter",
  "admin",
] as const;
export type MatrixRole = (typeof matrixRoles)[number];

/** What a row can refer to: the demo case, demo users by key, the role running. */
export interface MatrixContext {
  role: MatrixRole;
  caseId: string;
  userId: (key: string) => string;
}

/** One route: placeholders `:caseId` and `:user.<demo key>` in the path. */
export interface RouteRow {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: Record<string, unknown> | ((ctx: MatrixContext) => unknown);
  /** Status per role; roles left out get `other`. */
  expect: Partial<Record<MatrixRole, number>> & { other: number };
}

const signedOut = { anonymous: 401, expired: 401, disabled: 401 } as const;

/** A route for logged-in users only: 401 for no, an expired or a disabled account's session. */
export const authed = (expect: Partial<Record<MatrixRole, number>> & { other: number }) => ({
  ...signedOut,
  ...expect,
});

/** Answers of a case route where the case is hidden from a non-member and from an admin. */
const onCase = (allowed: Partial<Record<MatrixRole, number>>, refused = 403) =>
  authed({ buitenstaander: 404, admin: 404, other: refused, ...allowed });

const adminOnly = (status: number) => authed({ admin: status, other: 403 });

export const routeTable: RouteRow[] = [
  { method: "GET", path: "/api/health", expect: { other: 200 } },
  { method: "GET", path: "/api/me", expect: authed({ other: 200 }) },
  { method: "GET", path: "/api/cases", expect: authed({ other: 200 }) },
  {
    method: "POST",
    path: "/api/cases",
    body: (ctx) => ({ reference: `MX-${ctx.role}`, title: "Matrix", categories: ["overig"] }),
    expect: authed({ coordinator: 201, other: 403 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    // Destroying a file: the coordinator's alone, and only after retention (the demo case is open: 409).
    method: "DELETE",
    path: "/api/cases/:caseId",
    body: { reference: "MDA-DEMO-001" },
    expect: onCase({ coordinator: 409 }),
  },
  {
    method: "PUT",
    path: "/api/cases/:caseId/restraining-order",
    body: { until: null },
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/candidates",
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "POST",
    path: "/api/cases/:caseId/members",
    body: (ctx) => ({ userId: ctx.userId("buitenstaander"), role: "professional" }),
    expect: onCase({ coordinator: 201, voorzitter: 201 }),
  },
  {
    method: "PATCH",
    path: "/api/cases/:caseId/members/:user.buitenstaander",
    body: { role: "observer" },
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "DELETE",
    path: "/api/cases/:caseId/members/:user.buitenstaander",
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/sections/confidential/readers",
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "PUT",
    path: "/api/cases/:caseId/sections/confidential/readers",
    body: (ctx) => ({ userIds: [ctx.userId("politie"), ctx.userId("veiligthuis")] }),
    expect: onCase({ coordinator: 200, voorzitter: 200 }),
  },
  { method: "GET", path: "/api/cases/:caseId/invitations", expect: onCase({ coordinator: 200 }) },
  {
    method: "POST",
    path: "/api/cases/:caseId/invitations",
    body: (ctx) => ({ name: "Matrix", email: `mx-${ctx.role}@example.nl`, role: "expertByExperience" }),
    expect: onCase({ coordinator: 201 }),
  },
  {
    method: "POST",
    path: "/api/cases/:caseId/break-glass",
    body: { reason: "Matrixtest: reden van toegang" },
    // The demo coordinator is a member (observer): break-glass is for non-members only.
    expect: onCase({}),
  },
  { method: "GET", path: "/api/cases/:caseId/audit", expect: onCase({ coordinator: 200, admin: 200 }) },
  {
    method: "GET",
    path: "/api/cases/:caseId/audit/export?format=csv",
    expect: onCase({ coordinator: 200, admin: 200 }),
  },
  { method: "GET", path: "/api/admin/organisations", expect: adminOnly(200) },
  {
    method: "PATCH",
    path: "/api/admin/users/:user.buitenstaander",
    body: { name: "Bram Buiten" },
    expect: adminOnly(200),
  },
  {
    method: "POST",
    path: "/api/admin/organisations",
    body: (ctx) => ({ name: `Matrix ${ctx.role}`, kind: "overig" }),
    expect: adminOnly(201),
  },
  { method: "GET", path: "/api/admin/users", expect: adminOnly(200) },
  {
    method: "POST",
    path: "/api/admin/users",
    body: (ctx) => ({ name: "Matrix", email: `mx-user-${ctx.role}@example.nl` }),
    expect: adminOnly(201),
  },
  { method: "POST", path: "/api/admin/users/:user.wijkteam/disable", expect: adminOnly(200) },
  { method: "POST", path: "/api/admin/users/:user.wijkteam/enable", expect: adminOnly(200) },
  { method: "POST", path: "/api/admin/users/:user.wijkteam/reset-second-factor", expect: adminOnly(200) },
  { method: "GET", path: "/api/admin/audit/verify", expect: adminOnly(200) },
  { method: "GET", path: "/api/invitations/geen.uitnodiging", expect: { other: 404 } },
  // Reads of the other features (issues 4, 5, 6): every member reads, a non-member and an admin see nothing.
  {
    method: "GET",
    path: "/api/cases/:caseId/plan",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/plan/filled",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/plan/versions",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/conferences",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/decisions",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/actions",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  {
    method: "GET",
    path: "/api/cases/:caseId/phases",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  { method: "GET", path: "/api/actions", expect: authed({ other: 200 }) },
  { method: "GET", path: "/api/reminders", expect: authed({ other: 200 }) },
  { method: "GET", path: "/api/escalations", expect: authed({ other: 200 }) },
  // Where escalating the case would go: for those who may escalate it.
  {
    method: "GET",
    path: "/api/escalations/next-level?caseId=:caseId",
    expect: onCase({ ervaringsdeskundige: 200, coordinator: 200, voorzitter: 200 }),
  },
  { method: "GET", path: "/api/figures", expect: authed({ coordinator: 200, admin: 200, other: 403 }) },
  // A wrong current password: refused for everyone logged in (the success case is in password.test.ts).
  {
    method: "POST",
    path: "/api/auth/password",
    body: { currentPassword: "niet-het-wachtwoord", newPassword: "groene-reiger-op-de-dijk" },
    expect: authed({ other: 403 }),
  },
  // Demo accounts in demo mode have no authenticator app yet: entering a code is a conflict.
  {
    method: "POST",
    path: "/api/auth/second-factor",
    body: { code: "123456" },
    expect: authed({ other: 409 }),
  },
];

/** Fills the placeholders of a path. */
export function resolvePath(path: string, ctx: MatrixContext): string {
  return path.replace(":caseId", ctx.caseId).replace(/:user\.(\w+)/g, (_, key: string) => ctx.userId(key));
}

/** The body of a row for a context. */
export function resolveBody(row: RouteRow, ctx: MatrixContext): unknown {
  return typeof row.body === "function" ? (row.body as (c: MatrixContext) => unknown)(ctx) : row.body;
}
