/** The live conference: joins over the tab's socket, keeps the full state, sends intents. */
import { createEffect, createSignal, on, onCleanup } from "solid-js";
import type { ClientToServerEvents } from "../../../../shared/events";
import { locale, t } from "../../i18n";
import { type Ack, emitIntent, useSocket } from "../../lib/socket";
import type { ConferenceState, IntentError } from "./types";

/** A refused intent, ready to show. */
export type Refusal = IntentError;

/**
 * Turns a refusal into a sentence for the user. The server's message is Dutch and specific, so
 * Dutch shows it; English uses our translation of the stable code when we have one.
 */
export function refusalText(r: Refusal): string {
  const key = `conf.err.${r.code}`;
  const known = t(key);
  const fromServer = r.message && r.message !== r.code ? r.message : undefined;
  const message = locale() === "nl" ? (fromServer ?? known) : known === key ? (fromServer ?? r.code) : known;
  // Field problems (zod) say what to change, e.g. "Hoogstens 2000 tekens."
  const fields = (r.details ?? []).map((d) => d.message).filter((m, i, all) => m && all.indexOf(m) === i);
  return t("conf.refused", { message: fields.length ? `${message} ${fields.join(" ")}` : message });
}

/** What this browser knows of hands going down: whose it lowered itself (its own, or as the chair). */
interface HandsLowered {
  myId: string;
  /** Users whose hand this browser lowered and whose change has not arrived yet. */
  byMe: Set<string>;
}

/**
 * The sentence for a hand that went down. The state says only that it went, not who lowered it: the
 * chair who pressed "Beurt gehad" and the one whose hand it was know; someone else hears that the
 * name left the queue, true whoever lowered it.
 */
function handGone(name: string, userId: string, lowered: HandsLowered): string {
  const mine = userId === lowered.myId;
  if (lowered.byMe.delete(userId))
    return mine ? t("conf.handLowered", { name }) : t("conf.handDoneByYou", { name });
  return mine ? t("conf.handDoneMine") : t("conf.handGone", { name });
}

/** What changed between two states, as sentences for the polite live region. */
function describeChanges(
  prev: ConferenceState,
  next: ConferenceState,
  sectionTitle: (k: string) => string,
  focusSaidElsewhere: boolean,
  lowered: HandsLowered,
  readable: (key: string) => boolean,
) {
  const lines: string[] = [];
  const prevHands = new Set(prev.hands.map((h) => h.userId));
  const nextHands = new Set(next.hands.map((h) => h.userId));
  for (const h of next.hands) {
    if (prevHands.has(h.userId)) continue;
    lines.push(t("conf.handRaised", { name: h.name }));
    // Raised again: a lowering of this browser that changed nothing (it was down already) is past.
    lowered.byMe.delete(h.userId);
  }
  // Ending the conference takes every hand down: the new status says enough.
  const ended = next.conference.status !== prev.conference.status && next.conference.status === "ended";
  for (const h of prev.hands)
    if (!nextHands.has(h.userId) && !ended) lines.push(handGone(h.name, h.userId, lowered));
  const focus = next.conference.focusSectionKey;
  if (focus && focus !== prev.conference.focusSectionKey && !focusSaidElsewhere)
    // A section this user may not read is not shown to them: say why, not nothing.
    lines.push(
      t(readable(focus) ? "conf.focusChanged" : "conf.focusChangedRestricted", {
        section: sectionTitle(focus),
      }),
    );
  if (next.conference.status !== prev.conference.status)
    lines.push(`${t("conf.title")}: ${t(`conf.status.${next.conference.status}`)}`);
  const prevDecisions = new Map(prev.decisions.map((d) => [d.id, d]));
  for (const d of next.decisions) {
    const before = prevDecisions.get(d.id);
    if (!before) lines.push(t("conf.proposed"));
    else if (before.status !== "adopted" && d.status === "adopted")
      lines.push(t("conf.adopted", { n: d.planVersion?.number ?? "?" }));
  }
  const prevActions = new Set(prev.actions.map((a) => a.id));
  for (const a of next.actions)
    if (!prevActions.has(a.id)) lines.push(t("conf.actionCreated", { title: a.title }));
  return lines.join(" ");
}

/** Joins `conferenceId` while it is set; calls `onFocus` whenever the chair moves the focus. */
export function createConferenceSession(opts: {
  conferenceId: () => string | undefined;
  /** The chair moved the focus; answers true when a notice of its own tells the user. */
  onFocus: (sectionKey: string) => boolean;
  sectionTitle: (key: string) => string;
  /** The signed-in user: a hand going down is told differently to its owner. */
  myId: () => string;
  /** Whether this user may read a plan section (the chair can discuss one they may not). */
  readable: (key: string) => boolean;
}) {
  const { socket, connected, refused, refusalMessage } = useSocket();
  const [state, setState] = createSignal<ConferenceState>();
  const [joinError, setJoinError] = createSignal<Refusal>();
  const [announcement, setAnnouncement] = createSignal("");
  const loweredByMe = new Set<string>();

  const apply = (next: ConferenceState) => {
    if (next.conference.id !== opts.conferenceId()) return;
    const prev = state();
    // Broadcasts can overtake an acknowledgement: never go back to an older revision.
    if (prev && prev.conference.id === next.conference.id && next.revision < prev.revision) return;
    setState(next);
    const focus = next.conference.focusSectionKey;
    const moved =
      !!focus && focus !== prev?.conference.focusSectionKey && next.conference.status === "in_progress";
    const noticed = moved && focus ? opts.onFocus(focus) : false;
    if (prev) {
      const lowered = { myId: opts.myId(), byMe: loweredByMe };
      const said = describeChanges(prev, next, opts.sectionTitle, noticed, lowered, opts.readable);
      if (said) setAnnouncement(said);
    }
  };

  const join = async () => {
    const id = opts.conferenceId();
    if (!id) return;
    const ack = await emitIntent<{ state: ConferenceState }>(socket, "conference:join", { conferenceId: id });
    if (ack.ok) {
      setJoinError(undefined);
      apply(ack.state);
    } else setJoinError(ack.error);
  };

  const onState = (next: ConferenceState) => apply(next);
  socket.on("conference:state", onState);
  const onFocusEvent = (f: { conferenceId: string; sectionKey: string }) => {
    if (f.conferenceId === opts.conferenceId()) opts.onFocus(f.sectionKey);
  };
  socket.on("agenda:focus", onFocusEvent);
  const onClosed = (info: { conferenceId: string; code: string }) => {
    if (info.conferenceId !== opts.conferenceId()) return;
    setState(undefined);
    setJoinError({ code: info.code, message: info.code });
  };
  socket.on("conference:closed", onClosed);
  // A reconnect without recovered state needs a fresh join; the server sends the full state.
  const onConnect = () => {
    if (!socket.recovered) void join();
  };
  socket.on("connect", onConnect);
  onCleanup(() => {
    socket.off("conference:state", onState);
    socket.off("agenda:focus", onFocusEvent);
    socket.off("conference:closed", onClosed);
    socket.off("connect", onConnect);
  });

  createEffect(
    on(opts.conferenceId, (id, previous) => {
      // Switching conferences in the picker: leave the old room so its hands and presence are right.
      if (previous && previous !== id && socket.connected)
        void emitIntent(socket, "conference:leave", { conferenceId: previous });
      setState(undefined);
      setJoinError(undefined);
      if (id && socket.connected) void join();
    }),
  );

  /** Sends an intent for this conference; a full state in the answer is applied at once. */
  const send = async <T extends object>(
    event: keyof ClientToServerEvents,
    payload: Record<string, unknown>,
  ): Promise<Ack<T>> => {
    // Noted before sending: the new state can arrive before the answer.
    const lowering = event === "hand:lower" ? String(payload.userId ?? opts.myId()) : undefined;
    if (lowering) loweredByMe.add(lowering);
    const ack = await emitIntent<T & { state?: ConferenceState }>(socket, event, payload);
    if (ack.ok && ack.state) apply(ack.state);
    if (!ack.ok && lowering) loweredByMe.delete(lowering);
    return ack as Ack<T>;
  };

  return { state, connected, refused, refusalMessage, joinError, announcement, send, rejoin: join };
}

/** The session type the panel's parts receive. */
export type ConferenceSession = ReturnType<typeof createConferenceSession>;
