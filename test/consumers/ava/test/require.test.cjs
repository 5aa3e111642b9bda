// AVA consumer, a CommonJS test file: require() of the root and subpaths.
const test = require("ava");
const { chan, go, time } = require("gort");
const synctest = require("gort/synctest");
const { WaitGroup } = require("gort/sync");

test(
  "a worker pool drains its queue in virtual time",
  synctest.bubble(async (t) => {
    const start = Date.now();
    const jobs = chan(10);
    const wg = new WaitGroup();
    const done = [];
    for (let w = 0; w < 3; w++) {
      wg.add(1);
      go(async () => {
        for await (const j of jobs) {
          await time.sleep(j * time.Second);
          done.push(j);
        }
        wg.done();
      });
    }
    for (const j of [1, 2, 3, 1, 2, 3]) await jobs.send(j);
    jobs.close();
    await wg.wait();
    t.is(done.length, 6);
    t.is(Date.now() - start, 5000);
  }),
);
