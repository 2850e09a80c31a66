// What `docker-compose config` (v1) lets through (run by deploy/validate):
//   docker-compose config | node check-compose.mjs <work dir>
// every depends_on names a service, and one gated on service_healthy has a healthcheck; every
// bind-mounted file or folder exists; every service but the one-off tools restarts on failure;
// every image built from the repo has its Dockerfile, which copies the jar its module builds.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const YAML = createRequire(path.join(process.argv[2], "package.json"))("yaml");
const { services } = YAML.parse(readFileSync(0, "utf8"));
const problems = [];
for (const [name, service] of Object.entries(services)) {
  for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
    if (!services[dependency]) problems.push(`${name}: depends on unknown service ${dependency}`);
    else if (condition === "service_healthy" && !services[dependency].healthcheck) {
      problems.push(`${name}: waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
    }
  }
  for (const volume of service.volumes ?? []) {
    // v1 prints "source:target[:mode]"; a source that is a path (not a volume name) is a bind mount
    const source = typeof volume === "string" ? volume.split(":")[0] : volume.type === "bind" && volume.source;
    if (source && source.startsWith("/") && !existsSync(source)) problems.push(`${name}: bind mount ${source} does not exist`);
  }
  if (service.build) problems.push(...imageProblems(name, service.build));
  if (!["always", "unless-stopped", "on-failure"].includes(service.restart)) {
    problems.push(`${name}: restart is "${service.restart}", so a crashed process stays down`);
  }
}
for (const p of problems) console.log(`  ${p}`);
for (const [name, service] of Object.entries(services)) {
  if (service.build) console.log(`  ${name}: ${path.relative(".", dockerfileOf(service.build))} copies target/${moduleOf(service.build)}-exec.jar`);
}

function dockerfileOf(build) {
  return path.resolve(build.context, build.dockerfile ?? "Dockerfile");
}

// The module whose jar the image holds: the MODULE build argument, else the Dockerfile's COPY line.
function moduleOf(build) {
  if (build.args?.MODULE) return build.args.MODULE;
  const copy = existsSync(dockerfileOf(build)) && readFileSync(dockerfileOf(build), "utf8").match(/^COPY target\/(.+)-exec\.jar app\.jar$/m);
  return copy ? copy[1] : undefined;
}

function imageProblems(name, build) {
  const dockerfile = dockerfileOf(build);
  if (!existsSync(dockerfile)) return [`${name}: no Dockerfile at ${dockerfile}`];
  const module = moduleOf(build);
  const pom = path.join(build.context, "pom.xml");
  const text = existsSync(pom) ? readFileSync(pom, "utf8") : "";
  const builds = module && text.includes(`<artifactId>${module}</artifactId>`)
      && (text.includes("<finalName>${project.artifactId}</finalName>") || text.includes(`<finalName>${module}</finalName>`))
      && text.includes("<classifier>exec</classifier>");
  return builds ? [] : [`${name}: ${dockerfile} does not copy the jar ${pom} builds`];
}
process.exit(problems.length ? 1 : 0);
