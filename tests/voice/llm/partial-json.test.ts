import { describe, expect, test } from "@jest/globals";
import { partialStringField } from "../../../src/voice/llm/partial-json.js";

/** Every prefix of a streamed answer, as the chunks would reveal it. */
function prefixes(json: string): string[] {
  return Array.from({ length: json.length + 1 }, (_, length) => json.slice(0, length));
}

describe("reading the interviewer's message out of a structured answer still arriving", () => {
  const answer = JSON.stringify({
    message: 'Good: "precision at k" fits.\nNow, how would you\\handle drift? 🙂',
    phaseGoalMet: false,
    claims: [{ quote: "message", verdict: "sound" }],
  });

  test("each prefix shows the message decoded so far, and it only ever grows to the whole message", () => {
    let previous = "";
    for (const prefix of prefixes(answer)) {
      const text = partialStringField(prefix, "message") ?? "";
      expect(text.startsWith(previous)).toBe(true);
      previous = text;
    }
    expect(previous).toBe(JSON.parse(answer).message);
  });

  test("nothing shows until the field's value begins, and a cut escape shows no stray backslash", () => {
    expect(partialStringField('{"mess', "message")).toBeUndefined();
    expect(partialStringField('{"message": ', "message")).toBeUndefined();
    expect(partialStringField('{"message": "a\\', "message")).toBe("a");
    expect(partialStringField('{"message": "a\\u00', "message")).toBe("a");
    expect(partialStringField('{"message": "a\\u00e9', "message")).toBe("aé");
  });

  test("a field of the same name inside a nested object, or as a value, is not the message", () => {
    const nested = '{"claims": [{"message": "not this"}], "note": "message", "message": "this one';
    expect(partialStringField(nested, "message")).toBe("this one");
    expect(partialStringField('{"claims": [{"message": "not this', "message")).toBeUndefined();
  });

  test("when the model puts the message after other fields, it shows once it begins", () => {
    expect(partialStringField('{"phaseGoalMet": true, "claims": [], "message": "Late but', "message")).toBe("Late but");
  });
});
