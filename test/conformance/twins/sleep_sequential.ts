// Twin of test/conformance/go/sleep_sequential: sequential sleeps and After receives add up exactly.
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  for (let i = 0; i < 5; i++) {
    await time.sleep(100 * time.Millisecond);
  }
  println("5 x Sleep(100ms):", since(start));
  let mark = time.now();
  for (let i = 0; i < 10; i++) {
    await time.after(10 * time.Millisecond).recv();
  }
  println("10 x <-After(10ms):", since(mark));
  mark = time.now();
  await time.sleep(1500 * time.Millisecond);
  println("Sleep(1.5s):", since(mark), "total", since(start));
}
