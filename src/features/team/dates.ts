const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * Dates as the team features show them, in UTC: the server cannot know each reader's time zone,
 * and a fixed month table keeps "Sep" from turning into "Sept" with the runtime's locale data.
 */
export function formatDate(epochMs: number): string {
  const date = new Date(epochMs);
  return `${shortDate(date)} ${date.getUTCFullYear()}`;
}

/** Day and month only, for chart axes where the year would crowd the labels. */
export function formatDayMonth(epochMs: number): string {
  return shortDate(new Date(epochMs));
}

function shortDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ""}`;
}
