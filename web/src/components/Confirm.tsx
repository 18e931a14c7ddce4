/** A question asked in the page before a step that is not easily undone, instead of the browser's own. */
import { onMount } from "solid-js";

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
 * about, so a new question is a new box and gets the keyboard again.
 */
export function Confirm(props: ConfirmProps) {
  let box: HTMLFieldSetElement | undefined;
  onMount(() => box?.focus());
  return (
    <fieldset
      class="ep-confirm"
      tabindex="-1"
      ref={box}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        props.onAnswer(false);
      }}
    >
      <legend>{props.question}</legend>
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
    </fieldset>
  );
}
