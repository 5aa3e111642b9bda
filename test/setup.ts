// Imported before every test file (see package.json): turns every invariant checker on.
import { setVerify } from "../src/internal/debug.ts";

setVerify(true);
