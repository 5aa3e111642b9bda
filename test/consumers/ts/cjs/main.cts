// A CommonJS TypeScript file of a consumer checked under module node16 with skipLibCheck: false: every
// subpath's types through require() (TypeScript flags a CommonJS re-export of an ES module there unless
// the package's .d.cts files say otherwise).
import gort = require("gort");
import time = require("gort/time");
import context = require("gort/context");
import sync = require("gort/sync");
import synctest = require("gort/synctest");
import errgroup = require("gort/errgroup");
import semaphore = require("gort/semaphore");
import signal = require("gort/signal");
import trace = require("gort/trace");
import testingNode = require("gort/testing/node");
import testingJest = require("gort/testing/jest");

const c: gort.Chan<number> = gort.chan<number>(1);
const d: number = time.Second;
const wg: sync.WaitGroup = new sync.WaitGroup();
const done: Promise<void> = synctest.run(async () => {
  await time.sleep(d);
  await c.send(1);
});
export = {
  c,
  wg,
  done,
  ctx: context.background(),
  errgroup,
  semaphore,
  signal,
  trace,
  testingNode,
  testingJest,
};
