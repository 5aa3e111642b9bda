// Twin of test/conformance/go/once_recursive_deadlock: Once.Do from inside its own f deadlocks; a second
// caller waits in sync.Mutex.Lock too.
import { go, Once, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const once = new Once();
  go(async () => {
    await time.sleep(5 * time.Millisecond);
    println("second caller at", since(start));
    await once.do(() => println("not reached"));
  });
  await once.do(async () => {
    println("f runs; sleeping");
    await time.sleep(10 * time.Millisecond);
    println("f calls Do again at", since(start));
    await once.do(() => println("not reached"));
  });
}
