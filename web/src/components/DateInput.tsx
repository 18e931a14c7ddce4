/** A date field (`<input type="date">`) that keeps what is being typed in it. */
import { createEffect, type JSX, splitProps } from "solid-js";

/** The input's own attributes, without those this component sets itself. */
type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onInput" | "ref">;

export interface DateInputProps extends InputAttributes {
  /** The date as "yyyy-mm-dd", or "" for none. */
  value: string;
  /** Called on every change with the input's value: "" while a date is only partly typed. */
  onValue: (value: string) => void;
}

/**
 * While a date is partly typed (a day part overwritten with "0", a year half entered), the
 * browser's value is "". A controlled `value={signal()}` writes that "" back and wipes every part
 * (2026-12-02, Shift+Tab to the day, "0": month and year gone). This one writes the value to the
 * element only when it really differs, and never an empty value over a date being typed
 * (`validity.badInput`); a form that clears itself after a full date still empties it.
 */
export function DateInput(props: DateInputProps) {
  const [own, rest] = splitProps(props, ["value", "onValue"]);
  let input: HTMLInputElement | undefined;
  createEffect(() => {
    const value = own.value;
    if (!input || input.value === value) return;
    if (value === "" && input.validity.badInput) return;
    input.value = value;
  });
  return <input {...rest} ref={input} type="date" onInput={(e) => own.onValue(e.currentTarget.value)} />;
}
