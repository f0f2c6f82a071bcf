import type { ReviewDraft } from "./review-modal.js";

/** How long a draft waits for the reviewer to press "Edit your review". */
export const REVIEW_DRAFT_TTL_MS = 30 * 60_000;
const LIMIT = 1_000;

/**
 * Reviews not saved yet, one draft per part of the form: the parts sent so far of a form shown in
 * parts, and reviews that could not be saved (a comment without its dimension, two ratings for one), kept in
 * this process's memory so the form reopens with what the reviewer wrote instead of empty. Losing
 * one (a restart, another process) only means the form opens with their last saved review, and
 * the parts sent before it count as empty.
 */
export class ReviewDrafts {
  private readonly drafts = new Map<string, { drafts: readonly ReviewDraft[]; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(reviewer: string, interviewId: string, drafts: readonly ReviewDraft[]): void {
    const key = entryKey(reviewer, interviewId);
    this.drafts.delete(key);
    this.drafts.set(key, { drafts, expiresAt: this.now() + REVIEW_DRAFT_TTL_MS });
    // Oldest first: a busy bot forgets the oldest drafts, and expired ones as it goes.
    for (const [old, entry] of this.drafts) {
      if (this.drafts.size <= LIMIT && entry.expiresAt > this.now()) break;
      this.drafts.delete(old);
    }
  }

  get(reviewer: string, interviewId: string): readonly ReviewDraft[] | undefined {
    const entry = this.drafts.get(entryKey(reviewer, interviewId));
    return entry && entry.expiresAt > this.now() ? entry.drafts : undefined;
  }

  drop(reviewer: string, interviewId: string): void {
    this.drafts.delete(entryKey(reviewer, interviewId));
  }
}

function entryKey(reviewer: string, interviewId: string): string {
  return `${reviewer}\n${interviewId}`;
}
