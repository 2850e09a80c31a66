package cn.dsr.launcher;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a Spring Boot service in the launcher's tests: logs its DSR_ environment, then
 * answers {@code /actuator/health} on SERVER_PORT. FAKE_BEHAVIOUR=exit makes it fail at start-up,
 * FAKE_STARTUP_DELAY_MS makes it slow.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> dsr = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("DSR_") || name.equals("SERVER_PORT")) {
                dsr.put(name, value);
            }
        });
        dsr.forEach((name, value) -> System.out.println("env " + name + "=" + value));
        if ("exit".equals(System.getenv("FAKE_BEHAVIOUR"))) {
            System.out.println("failing on purpose");
            System.exit(3);
        }
        Thread.sleep(Long.parseLong(System.getenv().getOrDefault("FAKE_STARTUP_DELAY_MS", "0")));
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        byte[] health = "{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/actuator/health", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, health.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(health);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake service stopping")));
        System.out.println("fake service up");
    }
}
