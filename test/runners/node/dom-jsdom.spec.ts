// Run by test/unit/synctest/runners.test.ts: node:test with a jsdom window installed on the global by
// hand (what global-jsdom does), before gort loads.

// Untyped on purpose: jsdom's types reference TypeScript's DOM library, which would then apply to the
// whole program's type check (tsconfig.json has Node's types only).
const jsdom = "jsdom";
type Window = Record<string, unknown>;
const { JSDOM } = (await import(jsdom)) as {
  JSDOM: new (html: string, o: { pretendToBeVisual: boolean }) => { window: Window };
};
const { window } = new JSDOM("<!doctype html><body></body>", { pretendToBeVisual: true });
const g = globalThis as unknown as Record<string, unknown>;
g.window = window;
for (const k of ["document", "navigator", "Event", "requestAnimationFrame"])
  Object.defineProperty(g, k, { value: window[k], configurable: true, writable: true });
const { test } = await import("gort/testing/node");
const { domBodies } = await import("../dom-bodies.ts");

for (const [name, body] of Object.entries(domBodies)) test(`jsdom: ${name}`, body);
