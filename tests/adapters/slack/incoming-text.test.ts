import { describe, expect, test } from "@jest/globals";
import { fromSlackMarkup } from "../../../adapters/slack/incoming-text.js";

describe("a message event's text as the user typed it", () => {
  test("entities are decoded once: what was typed as &lt; stays &lt;", () => {
    expect(fromSlackMarkup("P&amp;L &lt; 5% &gt; 1%")).toBe("P&L < 5% > 1%");
    expect(fromSlackMarkup("I typed &amp;lt; literally")).toBe("I typed &lt; literally");
  });

  test("mentions, channels and special mentions read as the names typed", () => {
    expect(fromSlackMarkup("<!channel> <!here> <@U0ADA> <@U0ADA|ada> <#C0GEN|general> <#C0GEN> <!subteam^S0ML|@ml-team>")).toBe("@channel @here @U0ADA @ada #general #C0GEN @ml-team");
    expect(fromSlackMarkup("<!date^1392734382^{date}|Feb 18, 2014>")).toBe("Feb 18, 2014");
  });

  test("a link shows its address; words over a link keep the address beside them", () => {
    expect(fromSlackMarkup("see <https://example.com/a?b=1&amp;c=2>")).toBe("see https://example.com/a?b=1&c=2");
    expect(fromSlackMarkup("<http://example.com|example.com> <mailto:ada@example.com|ada@example.com>")).toBe("example.com ada@example.com");
    expect(fromSlackMarkup("<https://evil.example|click here>")).toBe("click here (https://evil.example)");
  });
});
