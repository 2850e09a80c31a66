package cn.dsr.roster.bulk;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.roster.RosterApplication;
import cn.dsr.roster.entity.UsccSamples;
import cn.dsr.testinfra.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a district office waits for a 10,000-entity roster to import: the whole HTTP request —
 * parsing, checking every row, and writing each entity with its change record, revision and
 * outbox event in one transaction — against the real service on the embedded PostgreSQL and
 * Kafka of the test infrastructure. Run with {@code roster-service/bench.sh [entities]}.
 */
public final class ImportBenchmark {

    static final String CITY = "411600";

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the embedded servers and the application hold non-daemon threads
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.printf("machine: %d cores, JVM %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        TestInfra infra = TestInfra.get();
        ServiceDatabase db = infra.newDatabase("rosterbench");
        Map<String, String> properties = new HashMap<>(infra.springProperties(db));
        properties.put("server.port", "0");
        // as command-line arguments, which outrank the application's own configuration files
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RosterApplication.class).run(arguments)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            String city = infra.issuer().token("bench.city", CITY, "CITY_COORDINATOR");
            HttpClient http = HttpClient.newHttpClient();
            post(http, base + "/api/roster/org-units", city, "application/json", json("{\"code\":\"411600\",\"name\":\"支队\",\"kind\":\"CITY\"}"));
            for (String district : new String[] {"411621", "411622"}) {
                post(http, base + "/api/roster/org-units", city, "application/json",
                        json("{\"code\":\"" + district + "\",\"name\":\"分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}"));
            }
            run(http, base, infra.issuer().token("bench.op", "411621", "DISTRICT_OPERATOR"), "411621", Math.max(1, entities / 10), "warm-up");
            String operator = infra.issuer().token("bench.op", "411622", "DISTRICT_OPERATOR");
            double created = run(http, base, operator, "411622", entities, "new entities");
            double unchanged = run(http, base, operator, "411622", entities, "same file again (all unchanged)");
            System.out.printf("%nRESULT: %d new entities imported in %.2f s (%.0f rows/s); re-import of the same file %.2f s%n",
                    entities, created, entities / created, unchanged);
        }
    }

    static double run(HttpClient http, String base, String token, String district, int n, String label) throws Exception {
        StringBuilder csv = new StringBuilder("统一社会信用代码,名称,地址,所在区县代码,法定代表人,行业代码,登记状态,成立日期,排污许可管理类别,排放污染物类型,信用风险分类,正面清单\n");
        String[] permits = {"重点管理", "简化管理", "登记管理"};
        String[] risks = {"低风险", "一般风险", "较高风险", "高风险"};
        for (int i = 1; i <= n; i++) {
            csv.append(UsccSamples.nth(district, i)).append(",某某环保科技有限公司").append(i).append(",工业园区纬").append(i % 50)
                    .append("路,").append(district).append(",张伟,C2614,在营,2015-03-01,").append(permits[i % 3])
                    .append(",COD；氨氮,").append(risks[i % 4]).append(',').append(i % 10 == 0 ? "是" : "否").append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/roster/entities/import?mode=REJECT_ALL"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 200) throw new IllegalStateException("import failed: " + response.statusCode() + " " + response.body());
        String body = response.body();
        System.out.printf("%-34s %6d rows, %5.1f MB CSV: %6.2f s — %s%n", label, n, file.length / 1e6, seconds,
                body.substring(0, Math.min(body.length(), 110)));
        return seconds;
    }

    static void post(HttpClient http, String uri, String token, String type, byte[] body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
