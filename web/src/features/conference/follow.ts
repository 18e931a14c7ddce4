/**
 * Following the chair's agenda focus without taking the keyboard from someone who is writing:
 * they get a notice with a button instead, everyone else's editor moves along.
 */
import { createEffect, createSignal, onCleanup } from "solid-js";

/** How long after the last keystroke in the plan text someone still counts as writing. */
const typingGraceMs = 5_000;

/** Keys that change text; the others (arrows, Tab, Escape, shortcuts) only move around. */
const editKeys = new Set(["Backspace", "Delete", "Enter"]);

/** What the follower needs from the workspace. */
export interface FocusFollowerOptions {
  /** The section shown in the editor now. */
  current: () => string | undefined;
  /** Whether this user may read the section; a focus on any other section is ignored. */
  readable: (key: string) => boolean;
  /** Shows a section in the editor. */
  show: (key: string) => void;
  /** Whether the keyboard focus is in the plan text. */
  editing: () => boolean;
  /**
   * The page was opened on a section of the user's choosing (a link, a bookmark, a reload): the
   * focus found on joining is offered with a notice instead of replacing it.
   */
  openedOnSection?: boolean;
}

/** Follows the chair's focus; keeps the section for a notice while the user is writing. */
export function createFocusFollower(opts: FocusFollowerOptions) {
  const [waiting, setWaiting] = createSignal<string>();
  let keepOpened = opts.openedOnSection ?? false;
  let typedAt = Number.NEGATIVE_INFINITY;
  const writing = () => opts.editing() || Date.now() - typedAt < typingGraceMs;
  // Someone who goes to the section by themselves no longer needs the notice.
  createEffect(() => {
    if (waiting() !== undefined && waiting() === opts.current()) setWaiting(undefined);
  });
  // Keystrokes that change the plan text; captured, so the editor's own handling does not hide them.
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !opts.editing()) return;
    if (e.key.length === 1 || editKeys.has(e.key)) typedAt = Date.now();
  };
  document.addEventListener("keydown", onKey, true);
  onCleanup(() => document.removeEventListener("keydown", onKey, true));

  return {
    /** The section the chair is discussing that this user has not gone to yet. */
    pending: waiting,
    /** The chair moved the focus: follow it, unless this user is writing. */
    follow(key: string) {
      if (!opts.readable(key)) return;
      const keep = keepOpened;
      keepOpened = false;
      if (key === opts.current()) setWaiting(undefined);
      else if (keep || writing()) setWaiting(key);
      else {
        setWaiting(undefined);
        opts.show(key);
      }
    },
    /** This user asked for the section: the chair's own focus, or the notice's button. */
    show(key: string) {
      setWaiting(undefined);
      if (opts.readable(key)) opts.show(key);
    },
    /** Whether this user may read the section: the chair can discuss one they may not. */
    readable: (key: string) => opts.readable(key),
    /** The conference is no longer running: there is nothing left to follow. */
    clear() {
      setWaiting(undefined);
    },
  };
}

/** The follower the workspace gives the conference panel. */
export type FocusFollower = ReturnType<typeof createFocusFollower>;
