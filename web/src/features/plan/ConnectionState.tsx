/** Says in words whether the shown section is connected, and that nothing is lost while it is not. */
import { t } from "../../i18n";
import type { ConnectionStatus } from "../../lib/collab";

/** The connection state of the shown section, announced politely when it changes. */
export function ConnectionState(props: { status: ConnectionStatus }) {
  return (
    <p
      class="ep-plan-connection"
      classList={{
        "ep-plan-connection--ok": props.status === "connected",
        "ep-plan-connection--lost": props.status !== "connected" && props.status !== "connecting",
      }}
      role="status"
      data-status={props.status}
    >
      <span class="ep-plan-connection__dot" aria-hidden="true" />
      {t(`plan.status.${props.status}`)}
    </p>
  );
}
