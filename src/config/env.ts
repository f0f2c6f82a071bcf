import { z } from "zod";
import { ConfigError } from "../errors.js";

/** An empty variable counts as unset, as operators expect from `FOO=` in an env file. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const EnvSchema = z.object({
  /** Folder of problem files to use instead of the bundled problems/. */
  PROBLEMS_DIR: optional(z.string()),
  /** Folder of rubric files to use instead of the bundled rubric/. */
  RUBRIC_DIR: optional(z.string()),
});
export type Config = z.infer<typeof EnvSchema>;

/** Parses the environment once; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join(".") ?? "environment";
  throw new ConfigError(`${variable}: ${issue?.message ?? "is invalid"}`);
}
