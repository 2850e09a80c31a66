// Checks the alert rules and Grafana dashboards against what the services really expose (run by
// deploy/validate):  node check-metrics.mjs <repo root> <work dir>
// - dashboards: valid JSON, unique uids and panel ids, every query on the provisioned datasource;
// - every dashboard query, as PromQL, goes into <work dir>/dashboard-queries.yml as a recording
//   rule so that promtool can parse it (deploy/validate runs promtool check rules on it);
// - every metric a rule or a query names is either a Micrometer meter registered in the code
//   (Counter/Gauge/Timer... .builder("name") in */src/main/java, in its Prometheus form) or one of
//   the standard metrics in standard-metrics.txt (read from a real /actuator/prometheus), or "up".
// Prints one line per problem and exits 1 if there is any.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [root, workDir] = process.argv.slice(2);
const YAML = createRequire(path.join(workDir, "package.json"))("yaml");
const here = path.join(root, "deploy", "observability");
const problems = [];

// Micrometer's Prometheus names: dots become underscores, counters end in _total, timers are in
// seconds with _count/_sum/_max (and _bucket when a histogram is enabled).
const SUFFIXES = {
  Counter: ["_total"], FunctionCounter: ["_total"], Gauge: [""], MultiGauge: [""], TimeGauge: ["_seconds"],
  Timer: ["_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket"],
  FunctionTimer: ["_seconds_count", "_seconds_sum"], LongTaskTimer: ["_seconds_active_count", "_seconds_duration_sum", "_seconds_max"],
  DistributionSummary: ["_count", "_sum", "_max", "_bucket"],
};

function javaSources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["target", "node_modules", ".git", ".local", "test"].includes(entry.name)) javaSources(full, found);
    } else if (entry.name.endsWith(".java") && full.includes(`${path.sep}src${path.sep}main${path.sep}`)) {
      found.push(full);
    }
  }
  return found;
}

function exposedMetrics() {
  const names = new Set(["up"]);
  for (const line of readFileSync(path.join(here, "standard-metrics.txt"), "utf8").split("\n")) {
    if (line.trim() && !line.startsWith("#")) names.add(line.trim());
  }
  const builder = /\b(Counter|FunctionCounter|Gauge|MultiGauge|TimeGauge|Timer|FunctionTimer|LongTaskTimer|DistributionSummary)\.builder\(\s*"([^"]+)"/g;
  for (const file of javaSources(root)) {
    for (const [, type, name] of readFileSync(file, "utf8").matchAll(builder)) {
      const base = name.replace(/\./g, "_");
      for (const suffix of SUFFIXES[type]) names.add(base.endsWith(suffix) ? base : base + suffix);
    }
  }
  return names;
}

const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
  "group_left", "group_right", "inf", "nan", "Inf", "NaN"]);

/** The metric names a PromQL expression selects (not functions, keywords, labels or durations). */
function metricNames(expr) {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const names = [];
  for (const m of s.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = s.slice(m.index + m[0].length);
    const before = s[m.index - 1] ?? "";
    if (/^\s*\(/.test(after) || KEYWORDS.has(m[0]) || /[0-9.]/.test(before)) continue;
    names.push(m[0]);
  }
  return names;
}

/** A Grafana query as plain PromQL: its variables replaced by values of the right kind. */
function promql(expr) {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, "5m").replace(/\$\{?\w+\}?/g, ".*");
}

const exposed = exposedMetrics();
function checkNames(where, expr) {
  for (const name of metricNames(expr)) {
    if (!exposed.has(name)) problems.push(`${where}: metric ${name} is not exposed by any service`);
  }
}

// Alert rules
const rulesDir = path.join(here, "prometheus", "rules");
let ruleCount = 0;
for (const file of readdirSync(rulesDir).filter((f) => f.endsWith(".yml"))) {
  for (const group of YAML.parse(readFileSync(path.join(rulesDir, file), "utf8")).groups) {
    for (const rule of group.rules) {
      ruleCount++;
      checkNames(`rules/${file}: ${rule.alert ?? rule.record}`, rule.expr);
    }
  }
}

// Dashboards
const datasources = YAML.parse(readFileSync(path.join(here, "grafana", "provisioning", "datasources", "prometheus.yml"), "utf8"))
  .datasources.map((d) => d.uid);
const dashboardsDir = path.join(here, "grafana", "dashboards");
const uids = new Set();
const queries = [];
for (const file of readdirSync(dashboardsDir).filter((f) => f.endsWith(".json"))) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(path.join(dashboardsDir, file), "utf8"));
  } catch (e) {
    problems.push(`dashboards/${file}: not valid JSON: ${e.message}`);
    continue;
  }
  if (!dashboard.uid || uids.has(dashboard.uid)) problems.push(`dashboards/${file}: missing or duplicate uid "${dashboard.uid}"`);
  uids.add(dashboard.uid);
  const ids = new Set();
  for (const variable of dashboard.templating?.list ?? []) {
    const metric = /label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(variable.definition ?? "");
    if (metric) checkNames(`dashboards/${file}: variable ${variable.name}`, metric[1]);
  }
  for (const panel of dashboard.panels ?? []) {
    const where = `dashboards/${file}: panel ${panel.id} "${panel.title}"`;
    if (ids.has(panel.id)) problems.push(`${where}: duplicate panel id`);
    ids.add(panel.id);
    if (!(panel.targets ?? []).length) problems.push(`${where}: no query`);
    for (const target of panel.targets ?? []) {
      const uid = target.datasource?.uid ?? panel.datasource?.uid;
      if (!datasources.includes(uid)) problems.push(`${where}: datasource "${uid}" is not provisioned`);
      if (!target.expr?.trim()) {
        problems.push(`${where}: empty query ${target.refId}`);
        continue;
      }
      checkNames(where, target.expr);
      queries.push({ record: `dashboard:${dashboard.uid.replace(/\W/g, "_")}:panel_${panel.id}_${target.refId}`, expr: promql(target.expr) });
    }
  }
}
writeFileSync(path.join(workDir, "dashboard-queries.yml"), YAML.stringify({ groups: [{ name: "dashboard-queries", rules: queries }] }));

for (const p of problems) console.log(`  ${p}`);
console.log(`${ruleCount} rules and ${queries.length} dashboard queries checked against ${exposed.size} exposed metric names, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
