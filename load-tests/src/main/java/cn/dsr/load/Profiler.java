package cn.dsr.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU flame graphs of chosen processes over each measured phase, so that a figure comes with where
 * its CPU went: {@code DSR_LOAD_PROFILE=gateway,inspection-service load-tests/run ...} writes
 * {@code load-tests/target/profiles/<phase>-<service>.html}.
 *
 * <p>async-profiler is attached to the running JVM with {@code jcmd JVMTI.agent_load}, sampling by
 * the process's CPU-time interval timer ({@code itimer}), which needs no perf events (a container
 * rarely allows them) and, unlike JFR on Java 17, sees the JIT compilers, GC and system calls too.
 * JFR started on a loaded JVM also stalled it for seconds here; attaching the agent did not.
 */
final class Profiler {

    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";
    private static final Path OUT = Path.of("target", "profiles");
    private static volatile Profiler installed;

    private final Map<String, Long> pids;
    private final Path library;
    private final Path out;

    Profiler(Map<String, Long> pids, Path out) {
        this.pids = Map.copyOf(pids);
        this.out = out;
        this.library = unpackLibrary(out);
    }

    /** Profiles the named processes in every measured phase from now on. */
    static void install(Map<String, Long> pids) {
        if (!pids.isEmpty()) installed = new Profiler(pids, OUT);
    }

    /** Called as a measured phase begins. */
    static void measuring() {
        Profiler p = installed;
        if (p != null) p.start();
    }

    /** Called as the measured phase {@code label} ends: writes its flame graphs. */
    static void measured(String label) {
        Profiler p = installed;
        if (p != null) p.stop(label).forEach(file -> LoadRun.say("flame graph: %s", file));
    }

    void start() {
        pids.forEach((name, pid) -> agent(name, pid, "start,event=itimer,interval=1ms"));
    }

    List<Path> stop(String label) {
        List<Path> written = new ArrayList<>();
        String phase = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        pids.forEach((name, pid) -> {
            Path file = out.resolve(phase + "-" + name + ".html").toAbsolutePath();
            if (agent(name, pid, "stop,title=" + phase + "-" + name + ",file=" + file)) written.add(file);
        });
        return written;
    }

    /** jcmd passes the options on only as one quoted word: unquoted, its parser splits them at the commas. */
    private boolean agent(String name, long pid, String options) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load",
                    library.toString(), "\"" + options + "\"").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.contains("return code: 0")) {
                LoadRun.say("profiler: %s (pid %d) refused '%s': %s", name, pid, options, output.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            LoadRun.say("profiler: cannot run %s: %s", jcmd, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The agent comes in async-profiler's jar (a dependency); the JVM loads it from a file. */
    private static Path unpackLibrary(Path out) {
        try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) throw new IllegalStateException(LIBRARY + " is not on the classpath (tools.profiler:async-profiler:linux-x64)");
            Files.createDirectories(out);
            Path library = out.resolve("libasyncProfiler.so").toAbsolutePath();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return library;
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack " + LIBRARY, e);
        }
    }

    /** {@code DSR_LOAD_PROFILE}: comma-separated process names, as the stack names its services. */
    static List<String> requested() {
        String names = System.getenv().getOrDefault("DSR_LOAD_PROFILE", "");
        List<String> requested = new ArrayList<>();
        for (String name : names.split(",")) if (!name.isBlank()) requested.add(name.strip());
        return requested;
    }
}
