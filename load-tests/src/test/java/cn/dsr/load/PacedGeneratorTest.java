package cn.dsr.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PacedGeneratorTest {

    static final AtomicInteger received = new AtomicInteger();
    static HttpServer slow;

    @BeforeAll
    static void aServiceThatAnswersAfter300Ms() throws Exception {
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", exchange -> {
            received.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.start();
    }

    @AfterAll
    static void stop() {
        slow.stop(0);
    }

    @Test
    void requestsKeepTheirScheduleHoweverSlowTheAnswersAndEachLatencyCountsFromWhenItWasDue() {
        HttpRequest request = Generator.request("http://127.0.0.1:" + slow.getAddress().getPort() + "/").GET().build();
        Measured m = Generator.paced("paced", "GET", () -> request, 40, Duration.ofMillis(250), Duration.ofSeconds(1));

        // a closed loop of one client would have sent 4 in the 1.25 s; 40/s sends 50, of which the last 40 are measured
        assertThat(received.get()).isEqualTo(50);
        assertThat(m.requests()).isEqualTo(40);
        assertThat(m.errorCount()).isZero();
        assertThat(m.latencies().percentileMillis(1)).isGreaterThanOrEqualTo(300);
        assertThat(m.concurrency()).as("open loop: no fixed number of clients").isZero();
    }
}
