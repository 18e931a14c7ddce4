/** Every page of the app with its (Dutch) address; each feature adds its pages here. */
import type { Component } from "solid-js";
import { ActionDetail } from "./features/followup/ActionDetail";
import { Escalations } from "./features/followup/Escalations";
import { Figures } from "./features/followup/Figures";
import { MyActions } from "./features/followup/MyActions";
import { Overview } from "./features/followup/Overview";
import { Phases } from "./features/followup/Phases";
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

/** A page: its path, its component, and whether it needs no login. */
export interface AppRoute {
  path: string;
  component: Component;
  public?: boolean;
}

export const appRoutes: AppRoute[] = [
  { path: "/casussen", component: Cases },
  { path: "/inloggen/code", component: SecondFactor, public: true },
  { path: "/inloggen/koppelen", component: Enrol, public: true },
  { path: "/uitnodiging/:token", component: Invitation, public: true },
  { path: "/beheer", component: Admin },
  { path: "/wachtwoord", component: ChangePassword },
  { path: "/casussen/:caseId/leden", component: CaseMembers },
  { path: "/casussen/:caseId/logboek", component: AuditTrail },
  { path: "/casussen/:caseId", component: CaseWorkspace },
  { path: "/casussen/:caseId/versies", component: PlanVersions },
  { path: "/casussen/:caseId/verslagen", component: MinutesList },
  { path: "/casussen/:caseId/verslagen/:conferenceId", component: MinutesDetail },
  { path: "/acties", component: MyActions },
  { path: "/acties/:actionId", component: ActionDetail },
  { path: "/overzicht", component: Overview },
  { path: "/escalaties", component: Escalations },
  { path: "/cijfers", component: Figures },
  { path: "/casussen/:caseId/fase", component: Phases },
];
