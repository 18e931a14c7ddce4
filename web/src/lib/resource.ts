/** Reading resources that may have failed. */
import type { Resource } from "solid-js";

/** A resource's latest value, or undefined when it failed: reading a failed resource throws, and each page shows the failure itself. */
export function settled<T>(resource: Resource<T>): T | undefined {
  return resource.error ? undefined : resource.latest;
}
