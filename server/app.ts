/** createApp(deps): the Hono app, its middleware, mounted routes and one error handler. Never listens. */
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import type { AppDeps } from "./deps";
import { AppError, errors } from "./errors";
import { errorInEnglish, prefersEnglish } from "./i18n/en";
import { loggableError } from "./logger";
import { bodyLimit } from "./middleware/body-limit";
import { csrf } from "./middleware/csrf";
import { securityHeaders } from "./middleware/security-headers";
import { session } from "./middleware/session";
import { actionOverviewRoutes } from "./routes/action-overview";
import { actionRoutes, caseActionRoutes } from "./routes/actions";
import { adminRoutes } from "./routes/admin";
import { authRoutes } from "./routes/auth";
import { breakGlassRequests } from "./routes/case-scope";
import { caseRoutes } from "./routes/cases";
import { caseConferenceRoutes, conferenceRoutes } from "./routes/conferences";
import { caseDecisionRoutes } from "./routes/decisions";
import { escalationRoutes } from "./routes/escalations";
import { figureRoutes } from "./routes/figures";
import { health } from "./routes/health";
import { invitationRoutes } from "./routes/invitations";
import { me } from "./routes/me";
import { phaseRoutes } from "./routes/phases";
import { planRoutes } from "./routes/plan";
import { reminderRoutes } from "./routes/reminders";
import { spa } from "./static";

/** Builds the app from its dependencies. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("*", securityHeaders());
  app.use("/api/*", bodyLimit(deps.config.maxBodyBytes));
  app.use("/api/*", csrf());
  app.use("/api/*", session());
  app.use("/api/*", breakGlassRequests());

  const api = new Hono<AppEnv>()
    .route("/health", health)
    .route("/auth", authRoutes())
    .route("/me", me)
    .route("/cases", caseRoutes)
    .route("/admin", adminRoutes)
    .route("/invitations", invitationRoutes());
  // Follow-up (issue 6): overview and detail, escalations, phases, figures, reminders.
  api
    .route("/actions", actionOverviewRoutes)
    .route("/escalations", escalationRoutes)
    .route("/cases", phaseRoutes)
    .route("/figures", figureRoutes)
    .route("/reminders", reminderRoutes);
  // Conferences, decisions and actions (issue 5).
  api
    .route("/cases", caseConferenceRoutes)
    .route("/cases", caseDecisionRoutes)
    .route("/cases", caseActionRoutes)
    .route("/conferences", conferenceRoutes)
    .route("/actions", actionRoutes);
  // The live plan (issue 4): current text, adopted versions, diff.
  api.route("/cases", planRoutes);
  app.route("/api", api);

  app.all("/api/*", () => {
    throw errors.notFound("Dit adres bestaat niet in de API.");
  });
  if (deps.config.webRoot) app.get("*", spa(deps.config.webRoot));

  app.notFound((c) => c.json(errorBody(c, errors.notFound()), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return c.json(errorBody(c, err), err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const e = new AppError(err.status === 413 ? "too_large" : "bad_request", "Ongeldig verzoek.");
      return c.json(errorBody(c, e), err.status);
    }
    // The route's pattern, not the path: a path holds what the client put there, an invitation's
    // token (the link's secret) for one.
    deps.logger.error(
      { err: loggableError(err), method: c.req.method, route: c.req.routePath },
      "request failed",
    );
    return c.json(errorBody(c, new AppError("internal", "Er ging iets mis aan onze kant.")), 500);
  });

  return app;
}

/** An error's JSON body, in English when the request's `Accept-Language` prefers it over Dutch. */
function errorBody(c: Context, err: AppError): ReturnType<AppError["toJSON"]> {
  const body = err.toJSON();
  return prefersEnglish(c.req.header("Accept-Language"))
    ? { ...body, error: errorInEnglish(body.error) }
    : body;
}

/** The app type, for typed clients. */
export type App = ReturnType<typeof createApp>;
