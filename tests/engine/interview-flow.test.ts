import { describe, expect, test } from "@jest/globals";
import { plainText } from "../../src/core/messages/message.js";
import { conversation } from "../support/conversation.js";

// Covers data, features and the model but not yet serving, so the design phase's goal is still open.
const DESIGN_ANSWER =
  "Data comes from the transaction log in Kafka and the user profiles. I'd compute velocity features with sliding windows and train a gradient-boosted tree on them.";

describe("opening an interview", () => {
  test("without a level, the interviewer greets and asks for level and domain at once", async () => {
    await conversation()
      .expectReply(/^Problem selection\n\nHi Ada/)
      .expectReply(/junior, mid, senior or staff/)
      .expectPhase("selection");
  });

  test("the stated level and domain choose the problem", async () => {
    await conversation()
      .send("I'm a senior engineer and I've mostly worked on payments risk.")
      .expectPhase("presentation")
      .check(async (c) => {
        const session = await c.session();
        expect(session.level).toBe("senior");
        expect(session.problemId).toBe("fraud");
      })
      .expectReply(/clarify/i);
  });

  test("a level given in years of experience counts", async () => {
    await conversation()
      .send("About 12 years in ML, mostly infrastructure")
      .check(async (c) => expect((await c.session()).level).toBe("staff"));
  });

  test("with no level after asking twice, it assumes mid and says so", async () => {
    await conversation()
      .send("I like machine learning")
      .expectReply(/didn't catch a level/)
      .expectPhase("selection")
      .send("whatever works")
      .expectReply(/assume a mid-level loop/)
      .check(async (c) => {
        const session = await c.session();
        expect(session.level).toBe("mid");
        expect(c.app.content.bank.find(session.problemId ?? "")?.levels).toContain("mid");
      });
  });

  test("with a level but no problem, it presents a problem suited to that level", async () => {
    await conversation({ level: "junior" }).check(async (c) => {
      const session = await c.session();
      expect(session.phase).toBe("presentation");
      expect(c.app.content.bank.find(session.problemId ?? "")?.levels).toContain("junior");
    });
  });

  test("the problem statement comes with its objective, data, scale and constraints", async () => {
    await conversation({ level: "senior", problem: "fraud" }).check((c) => {
      const message = c.replies[0]?.messages[0];
      expect(message?.fields?.map((field) => field.label)).toEqual(["Objective", "Data", "Scale", "Constraints"]);
      expect(message?.actions).toEqual(["hint", "harder", "easier", "next", "end"]);
    });
  });
});

describe("phases", () => {
  test("run in order from the presentation to the wrap-up when the candidate moves on", async () => {
    const phases: string[] = [];
    const flow = conversation({ level: "senior", problem: "fraud" });
    for (let step = 0; step < 5; step++) {
      flow.send("next").check(async (c) => {
        phases.push((await c.session()).phase);
      });
    }
    await flow;
    expect(phases).toEqual(["requirements", "high-level-design", "deep-dive", "scaling", "wrap-up"]);
  });

  test("the deep dive opens on one of the problem's own deep-dive questions", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send("next")
      .check((c) => {
        const fraud = c.app.content.bank.resolve("fraud");
        const questions = fraud.deepDives.flatMap((deepDive) => deepDive.questions);
        expect(questions.some((question) => c.lastText().includes(question))).toBe(true);
      });
  });

  test("the first answer after the presentation counts as requirements gathering", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("What counts as fraud here, and do we get chargeback labels?")
      .check(async (c) => {
        const session = await c.session();
        expect(session.transcript.filter((entry) => entry.role === "candidate")[0]?.phase).toBe("presentation");
        expect(["requirements", "high-level-design"]).toContain(session.phase);
      });
  });

  test("a clarifying question is answered from the problem statement", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("What is the latency budget for a decision?")
      .expectReply(/On your question: .*100 ?ms/s);
  });

  test("a short clarifying question is answered, not treated as a weak answer", async () => {
    await conversation({ level: "senior", problem: "search-ranking" })
      .send("What's the latency budget?")
      .expectReply(/On your question: .*200 ms at p99/s)
      .check((c) => expect(c.lastText()).not.toMatch(/way in/));
  });

  test("a question the statement does not settle is handed back as an assumption to make", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("Which cloud provider are we on?")
      .expectReply(/yours to decide: make a reasonable assumption/);
  });

  test("a phase that covers its goal moves on by itself", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(
        "The business objective is to reduce fraud losses while keeping approvals high. I'd frame it as binary classification of each transaction, measured offline with precision and recall and online with the chargeback rate.",
      )
      .expectPhase("high-level-design")
      .expectReply(/high-level design/i);
  });
});

describe("pacing", () => {
  test("a phase over its budget gets one gentle nudge, then the interview moves on", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send(DESIGN_ANSWER)
      .expectPhase("high-level-design")
      .wait(21)
      .send("I would also think about the monitoring side of things later on in the design.")
      .expectReply(/note on time: we've spent about 21 minutes on high-level design, over the 20/)
      .expectPhase("high-level-design")
      .wait(1)
      .send("Let me add that predictions are logged for later analysis of the results.")
      .expectReply(/past the time/)
      .expectPhase("deep-dive");
  });

  test("no nudge while a phase is within its budget", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .wait(5)
      .send(DESIGN_ANSWER)
      .check((c) => expect(c.lastText()).not.toMatch(/note on time/));
  });
});

describe("hints", () => {
  test("climb the current phase's four-rung ladder one rung at a time, and are recorded", async () => {
    const flow = conversation({ level: "senior", problem: "fraud" }).send("next").send("next");
    const seen: string[] = [];
    for (let rung = 0; rung < 5; rung++) flow.send("hint").check((c) => void seen.push(c.lastText()));
    await flow.check(async (c) => {
      const ladder = c.app.content.bank.resolve("fraud").hints["high-level-design"];
      ladder.forEach((rung, index) => {
        expect(seen[index]).toContain(`Hint ${index + 1} of 4`);
        expect(seen[index]).toContain(rung);
        // A rung never leaks the ones above it.
        for (const later of ladder.slice(index + 1)) expect(seen[index]).not.toContain(later);
      });
      expect(seen[4]).toMatch(/last hint for this phase/);
      const session = await c.session();
      expect(session.hintRungs["high-level-design"]).toBe(4);
      expect(session.transcript.filter((entry) => entry.kind === "hint")).toHaveLength(4);
    });
  });

  test("each phase has its own ladder", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("hint")
      .send("next")
      .send("next")
      .send("hint")
      .check(async (c) => {
        const fraud = c.app.content.bank.resolve("fraud");
        expect(c.lastText()).toContain(fraud.hints["high-level-design"][0]);
        expect((await c.session()).hintRungs).toEqual({ requirements: 1, "high-level-design": 1 });
      });
  });

  test("there is nothing to hint before a problem is chosen", async () => {
    await conversation().send("hint").expectReply(/no hint ladder/);
  });
});

describe("adaptive difficulty", () => {
  test("harder before any answer switches to a harder problem", async () => {
    await conversation({ level: "mid", problem: "spam" })
      .send("harder")
      .check(async (c) => {
        const session = await c.session();
        expect(session.problemId).not.toBe("spam");
        expect(c.lastText()).toMatch(/something harder/);
      });
  });

  test("easier before any answer switches to an easier problem", async () => {
    await conversation({ level: "staff", problem: "automl" })
      .send("easier")
      .check(async (c) => expect((await c.session()).problemId).not.toBe("automl"));
  });

  test("mid-interview, harder adds the problem's follow-up constraints one at a time", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("harder")
      .check(async (c) => {
        const first = c.app.content.bank.resolve("fraud").followUps[0];
        expect(c.lastText()).toContain(first?.constraint ?? "missing");
        const session = await c.session();
        expect(session.difficulty).toBe("stretch");
        expect(session.followUpsGiven).toBe(1);
      });
  });

  test("mid-interview, easier offers a simpler framing", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("easier")
      .check(async (c) => {
        const simplification = c.app.content.bank.resolve("fraud").simplifications[0];
        expect(c.lastText()).toContain(simplification ?? "missing");
        expect((await c.session()).difficulty).toBe("gentle");
      });
  });

  test("a weak answer gets a guiding question, and two in a row simplify the problem", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send("not sure")
      .expectReply(/Let me give you a way in/)
      .send("maybe a model")
      .expectReply(/Let's simplify to get some traction/)
      .check(async (c) => expect((await c.session()).difficulty).toBe("gentle"));
  });

  test("a strong, fast answer earns a follow-up constraint", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send(
        "Events land in Kafka and Flink keeps sliding window aggregates per card in the online feature store, while Spark builds the offline store with point-in-time correct joins for training. I'd start with a logistic regression baseline, then XGBoost because the features are tabular, served from a model server with a 30 ms budget, with a fallback to rules if it times out. We monitor drift with PSI and retrain weekly, with a canary rollout for every new model.",
      )
      .expectReply(/You're moving quickly, so let me add a constraint/)
      .check(async (c) => expect((await c.session()).difficulty).toBe("stretch"));
  });
});

describe("probes", () => {
  test("a feature store without point-in-time correctness draws the point-in-time probe", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send("I would put the user aggregates in a feature store and read them at scoring time from the online side.")
      .check(async (c) => {
        const probe = c.app.content.rubric.probes.find((candidate) => candidate.id === "point-in-time");
        expect((await c.session()).probesAsked).toContain("point-in-time");
        expect(c.lastText()).toContain(probe?.question ?? "missing probe");
      });
  });
});

describe("messages", () => {
  test("a message over 8,000 characters is cut with a notice", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(`I would ${"really ".repeat(2000)}think about metrics.`)
      .expectReply(/over 8,000 characters/)
      .check(async (c) => {
        const answers = (await c.session()).transcript.filter((entry) => entry.kind === "answer");
        expect(answers[0]?.text).toHaveLength(8000);
      });
  });

  test("empty messages and teammates' messages get no reply and leave no trace", async () => {
    await conversation({ level: "senior", problem: "fraud" }).check(async (c) => {
      const before = (await c.session()).transcript.length;
      await c
        .send("   ")
        .send("I'd use a feature store", "test:teammate")
        .check((after) => {
          expect(after.replies.slice(-2).map((reply) => reply.outcome)).toEqual(["ignored", "queued"]);
          expect(after.replies.slice(-2).flatMap((reply) => [...reply.messages, ...reply.private])).toEqual([]);
        });
      expect((await c.session()).transcript.length).toBe(before);
    });
  });

  test("only the candidate can press the interview's buttons, and only the presser hears the refusal", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .press("end", "test:teammate")
      .check(async (c) => {
        const refused = c.replies[c.replies.length - 1];
        expect(refused?.messages).toEqual([]);
        expect(refused?.private.map(({ visibleTo, message }) => [visibleTo, plainText(message)])).toEqual([["test:teammate", expect.stringMatching(/Only Ada, the candidate/)]]);
        expect((await c.session()).phase).toBe("presentation");
      });
  });

  test("end closes the interview; later messages are told it has ended", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("end")
      .expectReply(/writing up your scorecard/)
      .expectPhase("ended")
      .check((c) => expect(c.replies[c.replies.length - 1]?.ended).toBe(true))
      .send("one more thing")
      .expectReply(/has ended/);
  });

  test("a second interview cannot start over a running one in the same thread", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .restart()
      .expectReply(/already running/)
      .expectPhase("presentation");
  });
});
