/** A question asked in the page before a step that is not easily undone, instead of the browser's own. */
import { createUniqueId, onMount } from "solid-js";

export interface ConfirmProps {
  /** The question, naming who or what it is about; it names the group for a screen reader. */
  question: string;
  yes: string;
  no: string;
  /** While the step runs, "yes" says so instead of running it twice. */
  busy?: boolean;
  /** Called with the answer; on "no" (also Escape) the caller gives the keyboard back. */
  onAnswer: (yes: boolean) => void;
}

/**
 * The question takes the keyboard when it appears. Render it with `<Show keyed>` on what is asked
 * about, so a new question is a new box and gets the keyboard again. A group named by its question,
 * not a fieldset: a fieldset's focus ring runs through the middle of its legend, the question.
 */
export function Confirm(props: ConfirmProps) {
  const id = createUniqueId();
  let box: HTMLDivElement | undefined;
  onMount(() => box?.focus());
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset's focus ring runs through its legend, the question.
    <div
      class="ep-confirm"
      role="group"
      aria-labelledby={id}
      tabindex="-1"
      ref={box}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        props.onAnswer(false);
      }}
    >
      <p class="ep-confirm__question" id={id}>
        {props.question}
      </p>
      <div class="ep-actions">
        <button
          type="button"
          class="utrecht-button utrecht-button--primary-action"
          aria-disabled={props.busy ? "true" : undefined}
          onClick={() => props.onAnswer(true)}
        >
          {props.yes}
        </button>
        <button
          type="button"
          class="utrecht-button utrecht-button--subtle"
          onClick={() => props.onAnswer(false)}
        >
          {props.no}
        </button>
      </div>
    </div>
  );
}
