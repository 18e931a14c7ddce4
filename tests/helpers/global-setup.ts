/** Builds the web app once before the suite when it is missing or stale (e2e serves it). */
import { ensureWebBuild } from "../../server/build-web";

export default function setup(): void {
  ensureWebBuild();
}
