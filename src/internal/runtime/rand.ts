// The runtime's seedable random source (Go: cheaprand, fastrandn). Every random choice the runtime makes
// (select's case order, which P runs next, steal victims) draws from one Rand per runtime, so a run under
// the fake clock is a function of the program and the seed.
//
// Invariants:
//   r1. Two Rands built with the same seed yield the same sequence.
//   r2. uint32n(n) is in [0, n) for n >= 1.

import { hostRandom } from "../host.ts";

/** sfc32: a small, fast generator with a 128-bit state (PractRand-clean). */
export class Rand {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly seed: number;

  constructor(seed?: number) {
    const s = seed ?? Math.floor(hostRandom() * 2 ** 32);
    this.seed = s >>> 0;
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = this.seed;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, n) (Go: cheaprandn, Lemire's multiply-shift). */
  uint32n(n: number): number {
    return Math.floor((this.uint32() / 2 ** 32) * n);
  }
}
