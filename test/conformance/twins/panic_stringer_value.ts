// Twin of test/conformance/go/panic_stringer_value: a thrown value with its own toString (Go's Stringer).
import { time } from "../../../src/index.ts";

class State {
  constructor(readonly name: string) {}
  toString(): string {
    return `state(${this.name})`;
  }
}

export async function main(): Promise<void> {
  await time.sleep(time.Millisecond);
  throw new State("broken");
}
