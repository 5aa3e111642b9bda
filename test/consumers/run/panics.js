// Loads, then panics in goroutine 1: Go's report and status 2.
import { go } from "gort";

void go;
throw new Error("boom");
