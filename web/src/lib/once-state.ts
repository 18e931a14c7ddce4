/**
 * Word a page passes to the next in the history state ("Casus … is vernietigd.", "… is
 * geregistreerd."), to be said there once: read when the page opens, then the history entry is
 * replaced without it, so a reload or coming back does not say it again.
 */
import { useLocation, useNavigate } from "@solidjs/router";
import { onMount } from "solid-js";

/** The state the page was opened with, if any; cleared from the history entry once mounted. */
export function useOnceState<T>(): Readonly<Partial<T>> | undefined {
  const location = useLocation<T>();
  const navigate = useNavigate();
  const state = location.state ?? undefined;
  onMount(() => {
    if (state === undefined) return;
    navigate(`${location.pathname}${location.search}${location.hash}`, {
      replace: true,
      scroll: false,
      state: undefined,
    });
  });
  return state;
}
