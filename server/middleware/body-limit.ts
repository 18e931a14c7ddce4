/**
 * The request size limit (413 `too_large`). A request that says its length is judged by that
 * header alone and its body is left untouched: Hono's `bodyLimit` opens the body as a stream to
 * see whether there is one, and a body opened but never read (a request refused by the policy
 * before its handler read it) holds the connection. @hono/node-server then cannot discard it, the
 * browser's next request on that kept-alive connection waits and is cut off half a second later
 * (honojs/node-server#246). Untouched, an unread body is discarded and the connection serves on.
 * A request without a length (chunked) is counted by `bodyLimit` as it is read.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit as countedBodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context";
import { errors } from "../errors";

export const bodyLimit = (maxSize: number): MiddlewareHandler<AppEnv> => {
  const counted = countedBodyLimit({
    maxSize,
    onError: () => {
      throw errors.tooLarge();
    },
  });
  return async function bodyLimit(c, next) {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return counted(c, next);
    if (Number.parseInt(length, 10) > maxSize) throw errors.tooLarge();
    await next();
  };
};
