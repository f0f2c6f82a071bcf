import { describe, expect, test } from "@jest/globals";
import { parseSlashText } from "../../../src/features/slash-command.js";
import { loadContent } from "../../../src/engine/context.js";
import { UserInputError } from "../../../src/core/errors.js";
import { cronPattern, describeCadence, parseWeekly } from "../../../src/features/schedule/cadence.js";

const { bank } = loadContent();

describe("weekly cadence", () => {
  test.each([
    ["sun", 0],
    ["mon", 1],
    ["Tue", 2],
    ["tues", 2],
    ["wednesday", 3],
    ["THURS", 4],
    ["fri", 5],
    ["saturdays", 6],
  ])("%p is day %p", (day, expected) => {
    expect(parseWeekly({ day, time: "09:00" }).day).toBe(expected);
  });

  test.each(["mo", "monkey", "weekday", "1", ""])("%p is not a day, and the error lists the days", (day) => {
    expect(() => parseWeekly({ day, time: "09:00" })).toThrow(UserInputError);
    expect(() => parseWeekly({ day, time: "09:00" })).toThrow("use mon, tue, wed, thu, fri, sat or sun");
  });

  test.each([
    ["09:30", [9, 30]],
    ["9:05", [9, 5]],
    ["00:00", [0, 0]],
    ["23:59", [23, 59]],
  ])("%p is %p", (time, [hour, minute]) => {
    expect(parseWeekly({ day: "mon", time })).toMatchObject({ hour, minute });
  });

  test.each(["24:00", "9:60", "9", "9am", "09:3", "noon"])("%p is not a time, and the error shows the format", (time) => {
    expect(() => parseWeekly({ day: "mon", time })).toThrow("use 24-hour HH:MM, e.g. 09:30");
  });

  test("the time zone is UTC unless one is named, and a named one is checked and canonical", () => {
    expect(parseWeekly({ day: "mon", time: "09:30" }).timezone).toBe("UTC");
    expect(parseWeekly({ day: "mon", time: "09:30", timezone: "Europe/Berlin" }).timezone).toBe("Europe/Berlin");
    expect(parseWeekly({ day: "mon", time: "09:30", timezone: "america/new_york" }).timezone).toBe("America/New_York");
    expect(parseWeekly({ day: "mon", time: "09:30", timezone: "Etc/GMT-2" }).timezone).toBe("Etc/GMT-2");
  });

  test.each(["Mars/Olympus", "+01:00", "GMT+1", "Europe Berlin"])("%p is not a time zone, and the error names valid ones", (timezone) => {
    expect(() => parseWeekly({ day: "mon", time: "09:30", timezone })).toThrow("use an IANA name such as Europe/Berlin");
  });

  test("a level is optional, takes the usual aliases and rejects unknown ones", () => {
    expect(parseWeekly({ day: "mon", time: "09:30" }).level).toBeNull();
    expect(parseWeekly({ day: "mon", time: "09:30", level: "Senior" }).level).toBe("senior");
    expect(parseWeekly({ day: "mon", time: "09:30", level: "staff+" }).level).toBe("staff");
    expect(() => parseWeekly({ day: "mon", time: "09:30", level: "wizard" })).toThrow("Valid levels: junior, mid, senior, staff");
  });

  test("the cron pattern runs at the cadence's minute, hour and weekday", () => {
    expect(cronPattern(parseWeekly({ day: "mon", time: "09:30" }))).toBe("30 9 * * 1");
    expect(cronPattern(parseWeekly({ day: "sun", time: "00:05" }))).toBe("5 0 * * 0");
  });

  test("the description names the day, time, zone and level", () => {
    expect(describeCadence(parseWeekly({ day: "mon", time: "9:30", timezone: "Europe/Berlin", level: "senior" }))).toBe("Mondays at 09:30 (Europe/Berlin), senior level");
    expect(describeCadence(parseWeekly({ day: "fri", time: "16:00" }))).toBe("Fridays at 16:00 (UTC)");
  });
});

describe("/mock-interview schedule", () => {
  test.each([
    ["schedule weekly mon 09:30 Europe/Berlin senior", { day: 1, hour: 9, minute: 30, timezone: "Europe/Berlin", level: "senior" }],
    ["schedule weekly mon 09:30 senior Europe/Berlin", { day: 1, hour: 9, minute: 30, timezone: "Europe/Berlin", level: "senior" }],
    ["schedule weekly fri 16:00", { day: 5, hour: 16, minute: 0, timezone: "UTC", level: null }],
    ["schedule weekly Wednesday 8:15 America/New_York", { day: 3, hour: 8, minute: 15, timezone: "America/New_York", level: null }],
    ["Schedule Weekly thu 12:00 junior", { day: 4, hour: 12, minute: 0, timezone: "UTC", level: "junior" }],
  ])("%p sets a weekly schedule", (text, cadence) => {
    expect(parseSlashText(text, bank)).toEqual({ kind: "schedule-set", cadence });
  });

  test("schedule list and schedule off", () => {
    expect(parseSlashText("schedule list", bank)).toEqual({ kind: "schedule-list" });
    expect(parseSlashText("schedule off", bank)).toEqual({ kind: "schedule-off" });
  });

  test.each([
    ["schedule", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule weekly", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule weekly mon", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule daily mon 09:30", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule list all", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule off now", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule weekly mon 09:30 Europe/Berlin senior extra", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule weekly mon 09:30 Europe/Berlin America/New_York", "Usage: /mock-interview schedule weekly <day> <HH:MM>"],
    ["schedule weekly mon 09:30 senior staff", "\"staff\" is not a time zone"],
    ["schedule weekly someday 09:30", "is not a day of the week"],
    ["schedule weekly mon 25:00", "is not a time"],
    ["schedule weekly mon 09:30 Atlantis/Lost", "is not a time zone"],
  ])("%p is refused with a message saying what to type", (text, message) => {
    expect(() => parseSlashText(text, bank)).toThrow(UserInputError);
    expect(() => parseSlashText(text, bank)).toThrow(message);
  });
});
