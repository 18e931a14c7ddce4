/** Every page of the app with its (Dutch) address; each feature adds its pages here. */
import type { Component } from "solid-js";
import { Cases } from "./routes/Cases";

/** A page: its path, its component, and whether it needs no login. */
export interface AppRoute {
  path: string;
  component: Component;
  public?: boolean;
}

export const appRoutes: AppRoute[] = [{ path: "/casussen", component: Cases }];
