package cn.dsr.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

    @TempDir
    Path out;

    static volatile long sink;

    @Test
    void a_measured_phase_leaves_a_flame_graph_of_where_the_profiled_process_spent_its_cpu() throws Exception {
        Profiler profiler = new Profiler(Map.of("this-jvm", ProcessHandle.current().pid()), out);

        profiler.start();
        burnCpuForTheProfiler(1_500);
        List<Path> written = profiler.stop("Submissions: POST record via gateway → 2xx");

        Path graph = out.resolve("submissions-post-record-via-gateway-2xx-this-jvm.html").toAbsolutePath();
        assertThat(written).containsExactly(graph);
        assertThat(Files.readString(graph)).contains("burnCpuForTheProfiler");
    }

    @Test
    void a_process_that_cannot_be_attached_to_leaves_no_flame_graph_and_the_run_goes_on() {
        Profiler profiler = new Profiler(Map.of("gone", Long.MAX_VALUE), out);

        profiler.start();

        assertThat(profiler.stop("reads")).isEmpty();
    }

    private static void burnCpuForTheProfiler(long millis) {
        long until = System.currentTimeMillis() + millis, x = 1;
        while (System.currentTimeMillis() < until) {
            for (int i = 0; i < 100_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
