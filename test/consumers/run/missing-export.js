// Fails to load (no such export): Node's error and status 1, not a panic of goroutine 1.
import { noSuchExport } from "gort";

console.log(noSuchExport);
