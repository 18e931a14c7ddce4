/** Every page of the app with its (Dutch) address; each feature adds its pages here. */
import type { Component } from "solid-js";
import { Cases } from "./routes/Cases";
import { MinutesDetail, MinutesList } from "./routes/Minutes";

/** A page: its path, its component, and whether it needs no login. */
export interface AppRoute {
  path: string;
  component: Component;
  public?: boolean;
}

export const appRoutes: AppRoute[] = [
  { path: "/casussen", component: Cases },
  { path: "/casussen/:caseId/verslagen", component: MinutesList },
  { path: "/casussen/:caseId/verslagen/:conferenceId", component: MinutesDetail },
];
