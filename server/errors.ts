/** One error type for the whole server, with stable codes mapped to HTTP statuses. */

export const errorStatus = {
  bad_request: 400,
  invalid_input: 400,
  unauthenticated: 401,
  second_factor_required: 401,
  forbidden: 403,
  csrf: 403,
  /** A start password must be replaced before anything else. */
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  /** A conference write while the conference is not in progress. */
  not_in_progress: 409,
  /** An adopted or withdrawn decision cannot change. */
  decision_closed: 409,
  /** An intimate-terror warning needs the chair's recorded reason first. */
  warning_needs_reason: 409,
  /** A conference ends only once every late action it reviews has a reason or a new status. */
  late_actions_unexplained: 409,
  /** A conference ends only once every decision proposed in it is adopted or withdrawn. */
  open_proposals: 409,
  too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

/** A stable error code a client can rely on. */
export type ErrorCode = keyof typeof errorStatus;

/** A field-level problem in invalid input. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error meant for the client: code, safe message, optional field details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }

  /** The JSON body of `CONTRACT.md`. */
  toJSON(): { error: { code: ErrorCode; message: string; details?: FieldProblem[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

/** Factories with the messages users see. */
export const errors = {
  invalidInput: (details: FieldProblem[]) => new AppError("invalid_input", "De invoer is ongeldig.", details),
  badRequest: (message = "Ongeldig verzoek.") => new AppError("bad_request", message),
  unauthenticated: () => new AppError("unauthenticated", "Log eerst in."),
  forbidden: (message = "Dit mag u niet doen.") => new AppError("forbidden", message),
  notFound: (what = "Niet gevonden.") => new AppError("not_found", what),
  conflict: (message: string) => new AppError("conflict", message),
  tooLarge: () => new AppError("too_large", "Het verzoek is te groot."),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError("too_many_requests", "Te veel pogingen. Probeer het later opnieuw.", undefined, {
      "Retry-After": String(retryAfterSeconds),
    }),
};

/** Whether a database error is a unique violation (SQLSTATE 23505), as either driver reports it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 3; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
