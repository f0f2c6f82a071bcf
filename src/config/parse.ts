import { z } from "zod";
import { ConfigError } from "../core/errors.js";

/** An empty variable counts as unset, as operators expect from `FOO=` in an env file. */
export const blankIsUnset = (value: unknown): unknown => (value === "" ? undefined : value);

/** An optional variable; empty counts as unset. */
export const optionalVar = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

/** Parses variables with `schema`; a missing or bad one becomes one line naming the variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join(".") || "environment";
  throw new ConfigError(`${variable}: ${issue?.message ?? "is invalid"}`);
}
