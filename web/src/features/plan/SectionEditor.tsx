/** The shared text of one plan section: Tiptap bound to the section's Y.Doc, with everyone's carets. */
import { Editor, Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js";
import { t } from "../../i18n";
import { type PeerState, type SectionDoc, setPresence } from "../../lib/collab";

/** Props of the editor; the parent re-creates it per section (keyed). */
export interface SectionEditorProps {
  section: SectionDoc;
  title: string;
  guidance: string;
  canEdit: boolean;
  user: PeerState["user"];
  /** Where focus goes when the user presses Escape in the text. */
  onEscape: () => void;
}

/** Renders another person's caret: a coloured bar with their name, readable for screen readers too. */
function renderCaret(user: { name: string; color: string }): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret ep-plan-caret";
  caret.style.borderColor = user.color;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label ep-plan-caret__label";
  label.style.backgroundColor = user.color;
  label.textContent = user.name;
  caret.append(label);
  return caret;
}

/**
 * Tab belongs to the page: in the text it moves the keyboard focus on (Shift+Tab back), as
 * everywhere else, and never changes the text. StarterKit's list item binds Tab/Shift+Tab to
 * indent/outdent and its list keymap binds Tab to pull a paragraph into the list above; such a
 * change reaches every participant at once, unnoticed. Answering "handled" from `handleDOMEvents`
 * skips all of ProseMirror's key handling (every keymap) without preventing the browser's own
 * focus move.
 */
function leavesTextOnTab(event: KeyboardEvent): boolean {
  return event.key === "Tab";
}

/** Indenting a list item by keyboard stays possible, with a deliberate shortcut instead of Tab. */
const ListIndentKeys = Extension.create({
  name: "listIndentKeys",
  addKeyboardShortcuts() {
    return {
      // Handled even where nothing can move (first item, not in a list): on a Mac, Cmd+[ would
      // otherwise make the browser go back a page.
      "Mod-]": () => {
        this.editor.commands.sinkListItem("listItem");
        return true;
      },
      "Mod-[": () => {
        this.editor.commands.liftListItem("listItem");
        return true;
      },
    };
  },
});

/** How the modifier of `Mod-` shortcuts is called on this device (as ProseMirror's keymap decides). */
const modKey =
  typeof navigator !== "undefined" && /Mac|iP(hone|[oa]d)/.test(navigator.platform) ? "Cmd" : "Ctrl";

/** The editor for one section. */
export function SectionEditor(props: SectionEditorProps) {
  let host!: HTMLDivElement;
  const [empty, setEmpty] = createSignal(true);
  const hintId = `ep-plan-hint-${props.section.key}`;
  let editor: Editor | undefined;

  onMount(() => {
    const section = props.section;
    // Present in this section only while it is shown; the caret extension adds the cursor position.
    setPresence(section, props.user);
    editor = new Editor({
      element: host,
      editable: props.canEdit,
      extensions: [
        // No trailing node: it would make every client append an empty paragraph to the shared text.
        StarterKit.configure({ undoRedo: false, trailingNode: false }),
        ListIndentKeys,
        Collaboration.configure({ document: section.doc, field: "prosemirror" }),
        CollaborationCaret.configure({ provider: section.provider, user: props.user, render: renderCaret }),
        // The guidance itself is shown once above the text (and linked to it); inside, a short cue.
        // Asked each time it is drawn, so it follows the edit right when that changes.
        Placeholder.configure({
          placeholder: ({ editor: e }) => (e.isEditable ? t("plan.placeholder") : t("plan.empty")),
          showOnlyWhenEditable: false,
        }),
      ],
      editorProps: {
        attributes: {
          class: "ep-plan-editor__text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": props.title,
          "aria-describedby": hintId,
          "aria-readonly": props.canEdit ? "false" : "true",
        },
        handleDOMEvents: {
          keydown: (_view, event) => leavesTextOnTab(event),
        },
        handleKeyDown: (_view, event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            props.onEscape();
            return true;
          }
          return false;
        },
      },
      onCreate: ({ editor: e }) => setEmpty(e.isEmpty),
      onUpdate: ({ editor: e }) => setEmpty(e.isEmpty),
    });
  });

  // Rights can change while the page is open (the case is reloaded); follow them.
  createEffect(() => {
    const canEdit = props.canEdit;
    if (editor && editor.isEditable !== canEdit) {
      editor.setEditable(canEdit);
      editor.view.dom.setAttribute("aria-readonly", canEdit ? "false" : "true");
    }
  });

  // The accessible name follows the UI language.
  createEffect(() => {
    const title = props.title;
    editor?.view.dom.setAttribute("aria-label", title);
  });

  onCleanup(() => {
    editor?.destroy();
    setPresence(props.section, null);
  });

  return (
    <div class="ep-plan-editor">
      <div id={hintId} class="ep-plan-editor__hint">
        <Show when={props.canEdit} fallback={<p class="ep-plan-readonly">{t("plan.readOnly")}</p>}>
          <p class="ep-muted ep-plan-editor__keys">{t("plan.editorHint", { mod: modKey })}</p>
          <p class="ep-muted">{t("plan.editorFormat")}</p>
        </Show>
        <Show when={empty()}>
          <p class="ep-plan-guidance">
            <strong>{t("plan.guidance")}</strong> {props.guidance}
          </p>
        </Show>
      </div>
      <div
        ref={host}
        class="ep-plan-editor__frame"
        classList={{ "ep-plan-editor__frame--readonly": !props.canEdit }}
      />
    </div>
  );
}
