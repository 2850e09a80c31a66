package cn.dsr.load;

import cn.dsr.launcher.LocalStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time each process of the run spent over a measured phase, so that a rate comes with what
 * one answer cost where: on a machine every process shares, "the gateway halves the rate" is only
 * explained by the gateway's own milliseconds per request next to the service's.
 *
 * <p>Read from the operating system ({@link ProcessHandle.Info#totalCpuDuration()}) per process id:
 * PostgreSQL is the sum of its processes, a backend started within the phase counts whole, and one
 * that ended within it takes its time with it, which the services' pooled connections make rare.
 */
final class CpuUse {

    static final String POSTGRES = "postgres", KAFKA = "kafka", LOAD_GENERATOR = "loadgen";

    private static volatile Map<String, Supplier<Stream<ProcessHandle>>> processes = Map.of();

    private CpuUse() {}

    /** Names the processes to account for: each of the stack's, PostgreSQL's, the broker's and this JVM. */
    static void install(LocalStack stack) {
        Map<String, Supplier<Stream<ProcessHandle>>> named = new LinkedHashMap<>();
        stack.processes().forEach(process -> named.put(process.spec().name(),
                () -> process.pid().flatMap(ProcessHandle::of).stream()));
        named.put(POSTGRES, () -> ProcessHandle.allProcesses()
                .filter(p -> p.info().command().filter(command -> command.endsWith("/postgres")).isPresent()));
        // by the id the stack knows: the JDK gives no arguments for a command line as long as the broker's class path
        named.put(KAFKA, () -> stack.kafkaPid().flatMap(ProcessHandle::of).stream());
        named.put(LOAD_GENERATOR, () -> Stream.of(ProcessHandle.current()));
        processes = named;
    }

    /** The CPU time so far of each named process, by process id. */
    static Map<String, Map<Long, Duration>> now() {
        Map<String, Map<Long, Duration>> used = new LinkedHashMap<>();
        processes.forEach((name, handles) -> {
            Map<Long, Duration> byPid = new HashMap<>();
            handles.get().forEach(p -> p.info().totalCpuDuration().ifPresent(cpu -> byPid.put(p.pid(), cpu)));
            used.put(name, byPid);
        });
        return used;
    }

    /** What each named process used from {@code start} until now. */
    static Map<String, Duration> since(Map<String, Map<Long, Duration>> start) {
        return between(start, now());
    }

    static Map<String, Duration> between(Map<String, Map<Long, Duration>> start, Map<String, Map<Long, Duration>> end) {
        Map<String, Duration> used = new LinkedHashMap<>();
        end.forEach((name, byPid) -> {
            Map<Long, Duration> before = start.getOrDefault(name, Map.of());
            used.put(name, byPid.entrySet().stream()
                    .map(e -> e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)))
                    .reduce(Duration.ZERO, Duration::plus));
        });
        return used;
    }

    /** Milliseconds of CPU per successful answer of each process, in the order they were named; empty without answers. */
    static Map<String, Double> perAnswerMillis(Measured m) {
        long answered = m.requests() - m.errorCount();
        Map<String, Double> each = new LinkedHashMap<>();
        if (answered <= 0) return each;
        m.cpu().forEach((name, used) -> each.put(name, used.toNanos() / 1e6 / answered));
        return each;
    }
}
