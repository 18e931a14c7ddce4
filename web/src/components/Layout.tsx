/** The app shell: skip link, header with user and language, main navigation, footer. */
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, For, on, onCleanup, type ParentProps, Show } from "solid-js";
import { mayViewFigures } from "../features/followup/Figures";
import { countText } from "../features/followup/parts";
import { reminderCount } from "../features/followup/reminders";
import { locale, setLocale, t } from "../i18n";
import { refocusIfLost } from "../lib/focus";
import { forgetLocalCopies } from "../lib/local-copies";
import { logout, me } from "../lib/session";

/** Navigation entries; `show` decides per user. */
export const navItems: {
  href: string;
  key: string;
  show?: (role: string) => boolean;
  /** A count shown beside the label (e.g. reminders); hidden when 0. */
  badge?: () => number;
}[] = [
  { href: "/casussen", key: "nav.cases" },
  { href: "/beheer", key: "nav.admin", show: (r) => r === "admin" },
  // An administrator manages accounts, not cases (DOMAIN.md): no actions of their own to show.
  { href: "/acties", key: "nav.myActions", badge: reminderCount, show: (r) => r !== "admin" },
  { href: "/overzicht", key: "nav.overview", show: (r) => r === "coordinator" },
  { href: "/escalaties", key: "nav.escalations" },
  { href: "/cijfers", key: "nav.figures", show: mayViewFigures },
];

/**
 * Where the keyboard goes on a new page: on a case page reached by its tab, that tab (the keyboard
 * stays in the row of tabs); on another case page, the page's own heading under the case's header;
 * elsewhere the page's heading.
 */
function newPageTarget(main: HTMLElement): HTMLElement | null {
  const tab = main.querySelector<HTMLElement>('.ep-tabs a[aria-current="page"]');
  if (tab) return tab;
  const caseHeader = main.querySelector(".ep-case-header");
  if (!caseHeader) return main.querySelector<HTMLElement>("h1");
  return (
    [...main.querySelectorAll<HTMLElement>("h2")].find(
      (h) =>
        !caseHeader.contains(h) && caseHeader.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING,
    ) ?? null
  );
}

/**
 * The navigation entry a page was opened from, when its own path belongs to another: an action
 * opened from the Actieoverzicht (`/acties/…` with `state={{ via: "/overzicht" }}`) keeps that
 * entry marked, not "Mijn acties".
 */
export type NavVia = { via?: string };

/** Wraps every page. */
export function Layout(props: ParentProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const via = () => (location.state as NavVia | null | undefined)?.via;
  let main: HTMLElement | undefined;
  // Not on the first page load, nor on where it is sent before anyone touched it (the login page for
  // a logged-out visitor): there the browser starts at the top, as on any page.
  let touched = false;
  const touch = () => {
    touched = true;
  };
  document.addEventListener("keydown", touch, { capture: true, once: true });
  document.addEventListener("pointerdown", touch, { capture: true, once: true });
  onCleanup(() => {
    document.removeEventListener("keydown", touch, { capture: true });
    document.removeEventListener("pointerdown", touch, { capture: true });
  });
  createEffect(
    on(
      () => location.pathname,
      () => {
        if (!touched) return;
        // The link or button used often went with the old page, and the keyboard with it, to the
        // document: the next Tab would start at the top and a screen reader would hear nothing of
        // the new page. Whatever has the focus (a menu link that stays, a field the page focused
        // itself) keeps it; the target can come a moment later, when the page has its data.
        refocusIfLost(() => {
          const target = main && newPageTarget(main);
          if (target && target.tabIndex < 0 && !target.hasAttribute("tabindex"))
            target.setAttribute("tabindex", "-1");
          return target;
        });
      },
      { defer: true },
    ),
  );
  const onLogout = async () => {
    const userId = me()?.id;
    await logout();
    // Plan copies stay in this browser only while they hold edits the server has not had.
    const { kept } = userId ? await forgetLocalCopies(userId).catch(() => ({ kept: 0 })) : { kept: 0 };
    navigate(kept > 0 ? `/inloggen?bewaard=${kept}` : "/inloggen");
  };
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to a place in the page; the router takes such a link over and only scrolls, so the click moves the keyboard there itself. */}
      <a
        class="ep-skip-link"
        href="#inhoud"
        onClick={(e) => {
          e.preventDefault();
          main?.focus();
        }}
      >
        {t("app.skipToContent")}
      </a>
      <header class="ep-header">
        <div class="ep-header__inner">
          <A class="ep-header__brand" href="/">
            {t("app.name")}
            <small>{t("app.tagline")}</small>
          </A>
          <div class="ep-header__user">
            <Show when={me()}>
              {(user) => (
                <span>
                  {t("nav.loggedInAs")} <strong>{user().name}</strong>
                  <Show when={user().organisation}>{(org) => <> ({org().name})</>}</Show>
                </span>
              )}
            </Show>
            <button
              type="button"
              class="ep-linklike"
              lang={locale() === "nl" ? "en" : "nl"}
              onClick={() => setLocale(locale() === "nl" ? "en" : "nl")}
            >
              {t("app.languageSwitch")}
            </button>
            <Show when={me()}>
              <A class="ep-header__link" href="/wachtwoord">
                {t("nav.password")}
              </A>
              <button type="button" class="ep-linklike" onClick={onLogout}>
                {t("nav.logout")}
              </button>
            </Show>
          </div>
        </div>
      </header>
      <Show when={me() && !me()?.mustChangePassword && me()}>
        {(user) => (
          <nav class="ep-nav" aria-label={t("nav.main")}>
            <ul>
              <For each={navItems.filter((n) => !n.show || n.show(user().globalRole))}>
                {(item) => (
                  <li>
                    <A
                      href={item.href}
                      end={false}
                      // Opened from another entry: that one is marked (an unused class stands in).
                      activeClass={via() ? "ep-nav-within" : "active"}
                      classList={via() ? { active: via() === item.href } : {}}
                    >
                      {t(item.key)}
                      <Show when={item.badge?.()}>
                        {(n) => (
                          <span class="ep-fu-navbadge">
                            <span aria-hidden="true">{n()}</span>
                            <span class="visually-hidden">{countText("nav.badge", n())}</span>
                          </span>
                        )}
                      </Show>
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </nav>
        )}
      </Show>
      <main id="inhoud" class="ep-main" tabindex="-1" ref={(el) => (main = el)}>
        {props.children}
      </main>
      <footer class="ep-footer">{t("footer.text")}</footer>
    </>
  );
}
