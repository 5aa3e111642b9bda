/**
 * @jest-environment jsdom
 */
// Run by test/unit/synctest/runners.test.ts: jest-environment-jsdom, whose global is a jsdom window in a
// vm context of its own (jsdom's timers, no setImmediate).
import { test } from "gort/testing/jest";
import { domBodies } from "../dom-bodies.ts";

for (const [name, body] of Object.entries(domBodies)) test(`jsdom: ${name}`, body);
