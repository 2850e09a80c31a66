package cn.dsr.load;

import cn.dsr.launcher.LocalStack;
import cn.dsr.stack.client.Stack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The load runs of issue 9 on the local stack (fresh data, in load-tests/target/stack), started
 * by {@code load-tests/run [scenario]}: result submissions into disclosure, public reads through
 * the gateway, and the gateway's throughput as a share of calling the service directly.
 */
public final class LoadRun {

    /** A public read: the disclosure search (一公开) a portal visitor runs, one district, first page. */
    static final String READ = "/public/disclosure/results?district=411622&size=20";
    /**
     * A public read the gateway always forwards (the change feed is exact, never cached): the
     * gateway's own cost, as a share of calling the service directly.
     */
    static final String EXACT_READ = "/public/disclosure/changes?after=0&limit=20";
    static final List<String> LIMITS = List.of("DSR_LIMIT_PUBLIC_PER_SECOND", "DSR_LIMIT_PUBLIC_BURST",
            "DSR_LIMIT_CLIENT_PER_SECOND", "DSR_LIMIT_CLIENT_BURST", "DSR_LIMIT_TENANT_PER_SECOND", "DSR_LIMIT_TENANT_BURST");

    /**
     * Every scenario runs unmeasured this long first: the stack has just started, and on 2 cores
     * the optimising compiler of six JVMs takes tens of seconds to compile a path new to them.
     * DSR_LOAD_WARM_UP_SECONDS lengthens it for a steady-state figure: JFR still finds the C2
     * compiler threads busy 90 s into a run.
     */
    static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("DSR_LOAD_WARM_UP_SECONDS", "30")));

    private LoadRun() {}

    public static void main(String[] args) throws InterruptedException {
        String scenario = args.length > 0 ? args[0] : "all";
        if (!List.of("submissions", "paced", "reads", "gateway-ratio", "all").contains(scenario)) {
            System.err.println("usage: load-tests/run [submissions|reads|gateway-ratio|all] [visits] [concurrency]"
                    + "\n       load-tests/run paced [rate per second] [measured seconds]");
            System.exit(2);
        }
        boolean paced = scenario.equals("paced");
        int visits = !paced && args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        int concurrency = !paced && args.length > 2 ? Integer.parseInt(args[2]) : 32;
        double perSecond = paced && args.length > 1 ? Double.parseDouble(args[1]) : 6;
        Duration pacedFor = Duration.ofSeconds(paced && args.length > 2 ? Long.parseLong(args[2]) : 60);
        Duration warmUp = WARM_UP, measure = Duration.ofSeconds(20);

        say("starting the stack (fresh data) ...");
        LocalStack stack = Stack.get();
        String gateway = Stack.gateway();
        String disclosure = stack.service("disclosure-service").spec().url();
        List<Measured> rows = new ArrayList<>();
        Map<String, Long> profiled = new LinkedHashMap<>();
        for (String name : Profiler.requested()) {
            profiled.put(name, stack.service(name).pid().orElseThrow(() -> new IllegalStateException(name + " is not running")));
        }
        Profiler.install(profiled);
        CpuUse.install(stack);
        Duration settled = Machine.settle(0.6, Duration.ofMinutes(3));
        if (settled != null) say("the stack settled in %d s (60 %% of the CPU idle over 5 s)", settled.toSeconds());
        try (Machine machine = new Machine()) {
            if (scenario.equals("submissions") || scenario.equals("all")) {
                rows.addAll(new SubmissionLoad(stack, gateway).run(visits, concurrency, WARM_UP, Duration.ofSeconds(60)));
            }
            if (paced) {
                int needed = (int) Math.ceil(perSecond * (WARM_UP.toSeconds() + pacedFor.toSeconds()));
                rows.addAll(new SubmissionLoad(stack, gateway).paced(needed, perSecond, WARM_UP, pacedFor));
            }
            if (scenario.equals("reads") || scenario.equals("all")) {
                say("public reads through the gateway: GET %s ...", READ);
                rows.add(Generator.run("reads", "GET via gateway", reading(gateway + READ), concurrency, warmUp, measure));
            }
            if (scenario.equals("gateway-ratio") || scenario.equals("all")) {
                say("the portal's search at disclosure-service directly, then through the gateway (which may answer it from memory) ...");
                rows.add(Generator.run("search", "GET direct :8084", reading(disclosure + READ), concurrency, warmUp, measure));
                rows.add(Generator.run("search", "GET via gateway :8080", reading(gateway + READ), concurrency, warmUp, measure));
                say("a read the gateway always forwards, GET %s, directly, then through the gateway ...", EXACT_READ);
                rows.add(Generator.run("gateway-ratio", "GET feed direct :8084", reading(disclosure + EXACT_READ), concurrency, warmUp, measure));
                rows.add(Generator.run("gateway-ratio", "GET feed via gateway :8080", reading(gateway + EXACT_READ), concurrency, warmUp, measure));
            }
            System.out.println();
            System.out.println(table(rows));
            System.out.println(cpuTable(rows));
            System.out.println("machine: " + machine.describe() + ", shared by the load generator, every service, PostgreSQL and Kafka");
        }
        System.out.println("read request: GET " + READ + " (the gateway may answer it from memory for its max-age); forwarded read: GET " + EXACT_READ);
        System.out.println("gateway rate limits for this run (env): " + LIMITS.stream()
                .map(name -> name + "=" + System.getenv().getOrDefault(name, "default")).collect(Collectors.joining(", ")));
        if (rows.stream().anyMatch(m -> m.scenario().equals("submissions") || m.scenario().equals("paced"))) System.out.println("submissions: random-inspection visits"
                + " (results public without review); the end-to-end point is the record's 'result published' event read from "
                + SubmissionLoad.FEED + " by this JVM (target: ≥ 1,000/s, p99 < 2 s)");
        ratio(rows).ifPresent(r -> System.out.printf(Locale.ROOT, "gateway throughput / direct throughput, forwarded read: %.0f %% (target ≥ 60 %%)%n", r * 100));
        System.exit(0);
    }

    private static Generator.Target reading(String url) {
        HttpRequest request = Generator.request(url).GET().build();
        return () -> request;
    }

    static java.util.Optional<Double> ratio(List<Measured> rows) {
        List<Measured> pair = rows.stream().filter(m -> m.scenario().equals("gateway-ratio")).toList();
        if (pair.size() != 2 || pair.get(0).ratePerSecond() == 0) return java.util.Optional.empty();
        return java.util.Optional.of(pair.get(1).ratePerSecond() / pair.get(0).ratePerSecond());
    }

    static String table(List<Measured> rows) {
        String format = "%-14s %-42s %5s %9s %9s %9s %9s %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format,
                "scenario", "measured", "conc", "answers", "2xx/s", "p50 ms", "p99 ms", "errors"));
        for (Measured m : rows) {
            String errors = m.errorCount() == 0 ? "0" : m.errorCount() + " " + m.errors().entrySet().stream()
                    .map(e -> (e.getKey() == -1 ? "none" : e.getKey()) + "×" + e.getValue()).collect(Collectors.joining(", ", "(", ")"));
            out.append(String.format(Locale.ROOT, format, m.scenario(), m.point(), m.concurrency() == 0 ? "open" : m.concurrency(), m.requests(),
                    String.format(Locale.ROOT, "%.0f", m.ratePerSecond()),
                    String.format(Locale.ROOT, "%.1f", m.latencies().percentileMillis(50)),
                    String.format(Locale.ROOT, "%.1f", m.latencies().percentileMillis(99)), errors));
        }
        return out.toString();
    }

    /** Per measured row, each process's CPU milliseconds per successful answer over the measured phase. */
    static String cpuTable(List<Measured> rows) {
        List<Measured> measured = rows.stream().filter(m -> !CpuUse.perAnswerMillis(m).isEmpty()).toList();
        if (measured.isEmpty()) return "";
        List<String> names = List.copyOf(measured.get(0).cpu().keySet());
        StringBuilder out = new StringBuilder("CPU ms per 2xx answer over the measured phase, by process\n");
        out.append(String.format(Locale.ROOT, "%-14s %-42s", "scenario", "measured"));
        names.forEach(name -> out.append(String.format(Locale.ROOT, " %10s", abbreviated(name))));
        out.append(String.format(Locale.ROOT, " %10s%n", "all"));
        for (Measured m : measured) {
            Map<String, Double> each = CpuUse.perAnswerMillis(m);
            out.append(String.format(Locale.ROOT, "%-14s %-42s", m.scenario(), m.point()));
            names.forEach(name -> out.append(String.format(Locale.ROOT, " %10.2f", each.getOrDefault(name, 0.0))));
            out.append(String.format(Locale.ROOT, " %10.2f%n", each.values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        return out.toString();
    }

    private static String abbreviated(String process) {
        return process.replace("-service", "").replace("oidc-", "");
    }

    static void say(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(Locale.ROOT, format, args));
    }
}
