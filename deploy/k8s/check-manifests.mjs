// Validates rendered Kubernetes objects offline (run by deploy/validate):
//   node check-manifests.mjs <work dir> <rendered.yaml>...
// 1. every object against the Kubernetes OpenAPI schema (types, required fields, formats), through
//    the validators the npm package kubernetes-models generates from it;
// 2. no unknown field anywhere (a misspelt "livenessprobe" is silently dropped by the API server):
//    each object is type-checked by TypeScript as that package's interface, whose excess-property
//    check rejects any field the schema does not have;
// 3. references inside the rendering: Service and PodDisruptionBudget selectors match pods, a
//    Service's named targetPort exists on them, probes use a declared port.
// Prints one line per problem and exits 1 if there is any.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [workDir, ...renderings] = process.argv.slice(2);
const require = createRequire(path.join(workDir, "package.json"));
const YAML = require("yaml");
const problems = [];

function modulePath(apiVersion, kind) {
  // "v1" is the core group; "apps/v1" and "networking.k8s.io/v1" name their group.
  return `kubernetes-models/${apiVersion}/${kind}`;
}

function podTemplates(objects) {
  return objects.filter((o) => o.spec?.template?.spec).map((o) => ({ owner: o, pod: o.spec.template }));
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function checkReferences(file, objects) {
  const templates = podTemplates(objects);
  for (const { owner, pod } of templates) {
    const where = `${file}: ${owner.kind}/${owner.metadata.name}`;
    if (owner.spec.selector && !matches(owner.spec.selector.matchLabels, pod.metadata?.labels)) {
      problems.push(`${where}: selector does not match its own pod template labels`);
    }
    for (const c of pod.spec.containers ?? []) {
      const ports = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
      for (const kind of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[kind]?.httpGet?.port ?? c[kind]?.tcpSocket?.port;
        if (typeof port === "string" && !ports.has(port)) {
          problems.push(`${where}: ${kind} of container ${c.name} uses undeclared port "${port}"`);
        }
      }
    }
  }
  for (const o of objects.filter((x) => x.kind === "Service" || x.kind === "PodDisruptionBudget")) {
    const selector = o.kind === "Service" ? o.spec.selector : o.spec.selector?.matchLabels;
    const pods = templates.filter(({ pod }) => matches(selector, pod.metadata?.labels));
    if (pods.length === 0) {
      problems.push(`${file}: ${o.kind}/${o.metadata.name}: selector matches no pod`);
      continue;
    }
    if (o.kind !== "Service") continue;
    for (const p of o.spec.ports ?? []) {
      if (typeof p.targetPort !== "string") continue;
      const declared = pods.some(({ pod }) => pod.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)));
      if (!declared) problems.push(`${file}: Service/${o.metadata.name}: targetPort "${p.targetPort}" is on none of its pods`);
    }
  }
}

const typeChecks = [];
for (const rendering of renderings) {
  const file = path.basename(rendering);
  const objects = YAML.parseAllDocuments(readFileSync(rendering, "utf8")).map((d) => d.toJSON()).filter(Boolean);
  for (const [i, o] of objects.entries()) {
    const name = `${file}: ${o.kind}/${o.metadata?.name}`;
    let model;
    try {
      // the package is ESM-only: import its file from the work dir's node_modules
      const modelFile = path.join(workDir, "node_modules", `${modulePath(o.apiVersion, o.kind)}.js`);
      model = (await import(pathToFileURL(modelFile).href))[o.kind];
    } catch {
      problems.push(`${name}: no schema for ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new model(o).validate();
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
    }
    typeChecks.push({ name, source: `import type { I${o.kind} } from "${modulePath(o.apiVersion, o.kind)}";\n`
        + `export const object: I${o.kind} = ${JSON.stringify(o, null, 1)};\n`, id: `${file.replace(/\W/g, "_")}_${i}` });
  }
  checkReferences(file, objects);
}

const tsDir = path.join(workDir, "typecheck");
mkdirSync(tsDir, { recursive: true });
const names = new Map();
for (const t of typeChecks) {
  writeFileSync(path.join(tsDir, `${t.id}.ts`), t.source);
  names.set(`${t.id}.ts`, t.name);
}
try {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck",
    "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
    ...typeChecks.map((t) => path.join(tsDir, `${t.id}.ts`))], { cwd: workDir, encoding: "utf8" });
} catch (e) {
  for (const line of `${e.stdout}`.split("\n").filter((l) => l.includes("error TS"))) {
    const file = path.basename(line.split("(")[0]);
    problems.push(`${names.get(file) ?? file}: ${line.replace(/^[^:]*: error TS\d+: /, "")}`);
  }
}

for (const p of problems) console.log(`  ${p}`);
console.log(`${typeChecks.length} objects checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
