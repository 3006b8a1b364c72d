// Runs in the browser before the app's own code. zod probes `new Function` the
// first time it builds an object schema; under the Content Security Policy
// (no 'unsafe-eval') that probe is a reported violation even though zod
// catches it. jitless skips the probe; browsers parse small forms either way.
import { z } from "zod";

z.config({ jitless: true });
