// Prints a list of numbers 30 per line, separated by spaces, as the Go programs that record a long order
// do (go_spawn_many_order, afterfunc_many_same_instant).
import { println } from "./harness.ts";

export function printRows(order: readonly number[]): void {
  for (let k = 0; k < order.length; k += 30) println(order.slice(k, k + 30).join(" "));
}
