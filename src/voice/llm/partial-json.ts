/**
 * The text of a top-level string field in a JSON object that is still arriving (a streamed
 * structured answer), decoded as far as it has come: `{"message": "Good, and h` gives
 * `Good, and h`. Undefined until the field's value has begun. An escape cut in half waits for
 * the next chunk rather than showing a stray backslash.
 */
export function partialStringField(json: string, field: string): string | undefined {
  let depth = 0;
  let index = 0;
  let expectingKey = false;
  let key: string | undefined;
  while (index < json.length) {
    const char = json[index];
    if (char === '"') {
      const read = readString(json, index + 1);
      if (depth === 1 && expectingKey) {
        if (!read.complete) return undefined;
        key = read.text;
        expectingKey = false;
      } else if (depth === 1 && key === field) {
        return read.text;
      }
      if (!read.complete) return undefined;
      index = read.end;
      continue;
    }
    if (char === "{" || char === "[") {
      depth++;
      if (char === "{" && depth === 1) expectingKey = true;
    } else if (char === "}" || char === "]") {
      depth--;
    } else if (char === "," && depth === 1) {
      expectingKey = true;
      key = undefined;
    }
    index++;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** A JSON string's text from `start` (just past its opening quote), and where it ends. */
function readString(json: string, start: number): { text: string; complete: boolean; end: number } {
  let text = "";
  let index = start;
  while (index < json.length) {
    const char = json[index] as string;
    if (char === '"') return { text, complete: true, end: index + 1 };
    if (char !== "\\") {
      text += char;
      index++;
      continue;
    }
    const next = json[index + 1];
    if (next === undefined) break;
    if (next === "u") {
      const hex = json.slice(index + 2, index + 6);
      if (hex.length < 4) break;
      text += String.fromCharCode(Number.parseInt(hex, 16));
      index += 6;
      continue;
    }
    text += ESCAPES[next] ?? next;
    index += 2;
  }
  // Half a surrogate pair is no character yet.
  return { text: /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text, complete: false, end: json.length };
}
