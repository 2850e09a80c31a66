package cn.dsr.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    private static final Path HOME = Path.of("target", "service-process-test-" + UUID.randomUUID()).toAbsolutePath();
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);

    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void buildFakeJar() throws Exception {
        FakeJar.write(HOME.resolve("fake.jar"));
    }

    @AfterEach
    void stopLeftovers() {
        started.forEach(ServiceProcess::stop);
    }

    @Test
    void servicesRunOnTheQuickCompilerUnlessTheOperatorGivesOtherJvmOptions() {
        assertThat(ServiceProcess.jvmOptions(null)).contains("-XX:TieredStopAtLevel=1", "-Xmx384m");
        assertThat(ServiceProcess.jvmOptions(" ")).contains("-XX:TieredStopAtLevel=1");
        assertThat(ServiceProcess.jvmOptions(" -Xss512k  -Xmx512m ")).containsExactly("-Xss512k", "-Xmx512m");
    }

    @Test
    void startsWithItsEnvironmentBecomesHealthyAndStopsGracefully() throws Exception {
        ServiceProcess process = process(fake("roster-service", Map.of()), Map.of("DSR_DB_NAME", "roster"), HOME);

        process.start().waitHealthy(HEALTHY_WITHIN);
        assertThat(Files.readString(HOME.resolve(".local/run/roster-service.pid"))).isEqualTo(process.pid().orElseThrow().toString());
        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.logTail(20)).contains("env DSR_DB_NAME=roster", "fake service up", "fake service stopping");
        assertThat(HOME.resolve(".local/run/roster-service.pid")).doesNotExist();
    }

    @Test
    void killNineIsACrashAndTheServiceComesBackOnTheSamePort() throws Exception {
        ServiceProcess process = process(fake("draw-service", Map.of()), Map.of(), HOME);
        CompletableFuture<ServiceProcess> unexpected = new CompletableFuture<>();
        process.onUnexpectedExit(unexpected::complete);

        process.start().waitHealthy(HEALTHY_WITHIN);
        long firstPid = process.pid().orElseThrow();
        process.kill9();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.logTail(20)).doesNotContain("fake service stopping");

        process.start().waitHealthy(HEALTHY_WITHIN);
        assertThat(process.pid()).isPresent().isNotEqualTo(Optional.of(firstPid));
        assertThat(process.logTail(50)).filteredOn(line -> line.startsWith("=== draw-service starting")).hasSize(2);
        assertThat(unexpected).isNotDone();

        ProcessHandle.of(process.pid().orElseThrow()).orElseThrow().destroyForcibly();
        assertThat(unexpected.get(10, TimeUnit.SECONDS)).isSameAs(process);
        assertThat(process.exitCode()).isPresent();
    }

    @Test
    void aServiceThatDiesAtStartupFailsTheWaitWithItsLog() {
        ServiceProcess process = process(fake("inspection-service", Map.of("FAKE_BEHAVIOUR", "exit")), Map.of(), HOME);

        assertThatThrownBy(() -> process.start().waitHealthy(HEALTHY_WITHIN))
                .isInstanceOf(ServiceFailure.class)
                .hasMessageContaining("inspection-service exited with code 3")
                .hasMessageContaining("failing on purpose");
    }

    @Test
    void aServiceThatIsTooSlowFailsTheWaitAndCanStillBeStopped() {
        ServiceProcess process = process(fake("disclosure-service", Map.of("FAKE_STARTUP_DELAY_MS", "60000")), Map.of(), HOME);

        assertThatThrownBy(() -> process.start().waitHealthy(Duration.ofSeconds(2)))
                .isInstanceOf(ServiceFailure.class)
                .hasMessageContaining("disclosure-service not healthy after 2 s");
        process.stop();
        assertThat(process.isAlive()).isFalse();
    }

    private ServiceProcess process(ServiceSpec spec, Map<String, String> environment, Path home) {
        ServiceProcess process = new ServiceProcess(spec, environment, home);
        started.add(process);
        return process;
    }

    private static ServiceSpec fake(String name, Map<String, String> environment) {
        try {
            return new ServiceSpec(name, Path.of("fake.jar"), FakeJar.freePort(), Optional.empty(), environment);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
