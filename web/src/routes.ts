/** Every page of the app with its (Dutch) address; each feature adds its pages here. */
import type { Component } from "solid-js";
import { ActionDetail } from "./features/followup/ActionDetail";
import { Escalations } from "./features/followup/Escalations";
import { Figures } from "./features/followup/Figures";
import { MyActions } from "./features/followup/MyActions";
import { Overview } from "./features/followup/Overview";
import { Phases } from "./features/followup/Phases";
import type { MessageKey } from "./i18n";
import { Admin } from "./routes/Admin";
import { AuditTrail } from "./routes/AuditTrail";
import { CaseMembers } from "./routes/CaseMembers";
import { Cases } from "./routes/Cases";
import { CaseWorkspace } from "./routes/CaseWorkspace";
import { ChangePassword } from "./routes/ChangePassword";
import { Enrol } from "./routes/Enrol";
import { Invitation } from "./routes/Invitation";
import { MinutesDetail, MinutesList } from "./routes/Minutes";
import { PlanVersions } from "./routes/PlanVersions";
import { SecondFactor } from "./routes/SecondFactor";

/** A page: its path, its component, its tab title, and whether it needs no login. */
export interface AppRoute {
  path: string;
  component: Component;
  /**
   * The kind of page, for the browser tab (main.tsx). Never case data: titles end up in the
   * history, bookmarks and tab lists of possibly shared computers, so no household, reference or name.
   */
  title: MessageKey;
  public?: boolean;
}

export const appRoutes: AppRoute[] = [
  { path: "/casussen", component: Cases, title: "nav.cases" },
  { path: "/inloggen/code", component: SecondFactor, title: "code.title", public: true },
  { path: "/inloggen/koppelen", component: Enrol, title: "enrol.title", public: true },
  { path: "/uitnodiging/:token", component: Invitation, title: "title.invitation", public: true },
  { path: "/beheer", component: Admin, title: "admin.title" },
  { path: "/wachtwoord", component: ChangePassword, title: "password.title" },
  { path: "/casussen/:caseId/leden", component: CaseMembers, title: "members.title" },
  { path: "/casussen/:caseId/logboek", component: AuditTrail, title: "audit.title" },
  { path: "/casussen/:caseId", component: CaseWorkspace, title: "caseTabs.plan" },
  { path: "/casussen/:caseId/versies", component: PlanVersions, title: "versions.title" },
  { path: "/casussen/:caseId/verslagen", component: MinutesList, title: "minutes.title" },
  {
    path: "/casussen/:caseId/verslagen/:conferenceId",
    component: MinutesDetail,
    title: "title.minutesDetail",
  },
  { path: "/acties", component: MyActions, title: "my.title" },
  { path: "/acties/:actionId", component: ActionDetail, title: "title.action" },
  { path: "/overzicht", component: Overview, title: "ov.title" },
  { path: "/escalaties", component: Escalations, title: "esc.title" },
  { path: "/cijfers", component: Figures, title: "fig.title" },
  { path: "/casussen/:caseId/fase", component: Phases, title: "ph.title" },
];
