import { NotFoundError } from "../../core/errors.js";
import type { Directory } from "../../ports/directory.js";

/**
 * The directory for one person practising alone (the terminal): there is no channel to belong to
 * and nobody else to administer, and a local interview has no link to open, so history lists
 * each interview without one.
 */
export class SoloDirectory implements Directory {
  async canRead(): Promise<boolean> {
    return true;
  }

  async isAdmin(): Promise<boolean> {
    return true;
  }

  async threadLink(): Promise<string> {
    throw new NotFoundError("Interviews practised in the terminal have no link to open.");
  }
}
