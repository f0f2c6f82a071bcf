/**
 * Secrets and contact details a candidate might paste, replaced before any text leaves for a model.
 * Order matters: specific token shapes before the generic long-secret pattern.
 */
const REDACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, "[redacted private key]"],
  [/\bsk-[A-Za-z0-9_-]{16,}\b/g, "[redacted API key]"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, "[redacted Slack token]"],
  [/\bxapp-[A-Za-z0-9-]{10,}\b/g, "[redacted Slack token]"],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, "[redacted GitHub token]"],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, "[redacted AWS key]"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, "[redacted Google key]"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, "[redacted token]"],
  [/\b(bearer|token|api[_-]?key|secret|password)(\s*[:=]\s*|\s+)["']?[A-Za-z0-9._~+/-]{12,}["']?/gi, "$1 [redacted secret]"],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, "[redacted email]"],
  // International numbers with a leading +, and North American 555-123-4567 shapes; plain figures stay.
  [/(?<![\w+])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}(?!\w)/g, "[redacted phone]"],
  [/(?<!\w)\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\w)/g, "[redacted phone]"],
];

export function redact(text: string): string {
  return REDACTIONS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}
