// Side-by-side reference for MigrateBench: ruff's WebAssembly build (one core) checking NumPy 2 rules
// (NPY201, NPY001, NPY003) over the files listed in argv[3], once per line of "run" read on stdin, in one
// node process so module load and JIT are paid once. argv[2] is the folder holding node_modules.
// Prints one JSON line per run: {"wallMs":…,"cpuMs":…,"diagnostics":…,"files":…}.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const require = createRequire(process.argv[2] + "/");
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");
const files = readFileSync(process.argv[3], "utf8").split("\n").filter(Boolean);
const ws = new Workspace({ lint: { select: ["NPY201", "NPY001", "NPY003"] } }, PositionEncoding.Utf16);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "run") break;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let diagnostics = 0;
  for (const f of files) {
    // Reading is part of the work, as it is for apimig.
    const text = readFileSync(f, "utf8");
    try { diagnostics += ws.check(text).length; } catch { /* a file ruff cannot parse */ }
  }
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ wallMs, cpuMs: (c.user + c.system) / 1000, diagnostics, files: files.length }));
}
