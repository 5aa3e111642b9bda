// Jest's setupFiles module: Jest's ESM mode copies a builtin's exports for the test file's module graph
// before that graph runs, so an ES named import of node:timers/promises (concurrent-bodies.ts) sees gort's
// bubble-aware wrappers only if gort/synctest was loaded first, here (docs/deviations.md).
import "gort/synctest";
