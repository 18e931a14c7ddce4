/** The SPA entry: router, layout, and the guard that sends logged-out users to the login page. */
import "@utrecht/design-tokens/dist/index.css";
import "@utrecht/component-library-css/dist/index.css";
import "./styles.css";
import { Navigate, Route, Router, type RouteSectionProps, useLocation } from "@solidjs/router";
import { type Component, createEffect, type JSX, Match, Switch } from "solid-js";
import { Dynamic, render } from "solid-js/web";
import { Layout } from "./components/Layout";
import { locale, type MessageKey, t } from "./i18n";
import { loginHref } from "./lib/return-path";
import { me } from "./lib/session";
import { appRoutes } from "./routes";
import { ChangePassword } from "./routes/ChangePassword";
import { Login } from "./routes/Login";
import { NotFound } from "./routes/NotFound";

/**
 * Renders the page when logged in, otherwise sends to the login page, which comes back here once
 * logged in: a link opened while logged out, or a page whose session ended (lib/session.ts).
 */
function RequireLogin(props: { page: Component }): JSX.Element {
  const location = useLocation();
  return (
    <Switch fallback={<p>{t("app.loading")}</p>}>
      <Match when={me.error}>
        <p role="alert">{t("app.error")}</p>
      </Match>
      <Match when={me() === null}>
        <Navigate href={loginHref(location.pathname + location.search)} />
      </Match>
      <Match when={me()?.mustChangePassword && props.page !== ChangePassword}>
        <Navigate href="/wachtwoord" />
      </Match>
      <Match when={me()}>
        <Dynamic component={props.page} />
      </Match>
    </Switch>
  );
}

/**
 * Names the browser tab after the kind of page, in the current language (it follows a language
 * switch), so tabs and the history tell pages apart (WCAG 2.4.2). Only ever the route's fixed title:
 * tab titles land in the history and bookmarks of possibly shared computers, never case data.
 */
function titled(title: MessageKey, Page: Component): Component {
  return () => {
    createEffect(() => {
      document.title = t("title.page", { page: t(title) });
    });
    return <Page />;
  };
}

function Shell(props: RouteSectionProps) {
  document.documentElement.lang = locale();
  return <Layout>{props.children}</Layout>;
}

render(
  () => (
    <Router root={Shell}>
      <Route path="/inloggen" component={titled("login.title", Login)} />
      {appRoutes.map((r) => (
        <Route
          path={r.path}
          component={titled(r.title, r.public ? r.component : () => <RequireLogin page={r.component} />)}
        />
      ))}
      <Route
        path="/"
        component={titled("nav.cases", () => <RequireLogin page={() => <Navigate href="/casussen" />} />)}
      />
      <Route path="*404" component={titled("title.notFound", NotFound)} />
    </Router>
  ),
  document.getElementById("root") as HTMLElement,
);
