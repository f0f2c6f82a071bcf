// Some registry mirrors serve only the packages for the platform they run on, so `npm install`
// writes a lockfile without the other platforms' optional binaries (swc, esbuild, msgpackr…), and
// `npm ci` then refuses it as out of sync. This adds those entries back, marked optional with the
// os/cpu/libc their names declare, so `npm ci` skips them on other platforms instead of failing.
// Run after changing dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const OSES = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPUS = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el"];
let added = 0;
for (const meta of Object.values(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const lower = name.toLowerCase();
    const entry = { version, optional: true };
    const os = OSES.find((candidate) => new RegExp(`(^|[-/])${candidate}($|-)`).test(lower));
    if (os) entry.os = [os];
    const cpu = lower.includes("wasm32") ? "wasm32" : CPUS.find((candidate) => new RegExp(`-${candidate}($|-)`).test(lower));
    if (cpu) entry.cpu = [cpu];
    if (lower.includes("musl")) entry.libc = ["musl"];
    else if (lower.includes("gnu") && os === "linux") entry.libc = ["glibc"];
    packages[key] = entry;
    added += 1;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
