/** Users as the API shows them. */
import type { SessionUser } from "../auth/sessions";

/** The current user for `GET /api/me` and the login answer. */
export function presentMe(
  user: SessionUser,
  organisation: { id: string; name: string; kind: string } | null,
) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    globalRole: user.globalRole,
    region: user.region,
    organisation,
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
  };
}
