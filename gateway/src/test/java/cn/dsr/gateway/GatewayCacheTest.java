package cn.dsr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.testinfra.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway keeps an answer in memory only if the request was an anonymous GET and the origin
 * marked the answer {@code public} with a lifetime, and for no longer than that lifetime.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the budget is not what is tested here (GatewayLimitsTest checks it holds for cached answers)
        "dsr.gateway.limits.public-per-client.per-second=1000", "dsr.gateway.limits.public-per-client.burst=1000",
        "dsr.gateway.cache.max-entry-bytes=1KB"})
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class GatewayCacheTest {

    static final TestIssuer issuer = TestIssuer.start();
    /** How the stand-in answers a path: status, more JSON fields, headers; a path not here gets a plain 200. */
    static final Map<String, Downstream.Answer> marked = new ConcurrentHashMap<>();
    /** Each answer says which call it was and for which query, so an answer from memory is recognisable. */
    static final Downstream service = new Downstream(request -> {
        Downstream.Answer how = marked.getOrDefault(request.path(), new Downstream.Answer(200, ""));
        String body = "{\"call\":" + seenSoFar() + ",\"query\":\"" + request.query() + "\"" + how.json() + "}";
        return new Downstream.Answer(how.status(), body, how.headers());
    });

    static int seenSoFar() {
        return service.seen().size();
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        service.routeEverythingHere(registry, issuer);
    }

    @AfterAll
    static void stop() {
        service.close();
        issuer.close();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    MeterRegistry meters;

    /** The stand-in answers {@code path} with this status and these headers (name, value, ...). */
    static void answer(String path, int status, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
        marked.put(path, new Downstream.Answer(status, "", h));
    }

    EntityExchangeResult<String> get(String uri) {
        return web.get().uri(uri).exchange().expectBody(String.class).returnResult();
    }

    long calls(String path) {
        return service.calls("GET", path);
    }

    double counted(String result) {
        return meters.get("dsr.gateway.cache").tag("result", result).counter().count();
    }

    @Test
    void a_public_answer_is_served_from_memory_to_the_next_anonymous_reader_with_its_age_and_that_readers_correlation_id() {
        answer("/public/disclosure/results", 200, "Cache-Control", "public, max-age=2");
        String uri = "/public/disclosure/results?district=411622&page=0";
        double hits = counted("hit"), misses = counted("miss");

        EntityExchangeResult<String> first = web.get().uri(uri).header("X-Correlation-Id", "first-reader").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Age")
                .expectHeader().valueEquals("X-Correlation-Id", "first-reader")
                .expectBody(String.class).returnResult();
        EntityExchangeResult<String> second = web.get().uri(uri).header("X-Correlation-Id", "second-reader").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "second-reader")
                .expectHeader().valueEquals("Cache-Control", "public, max-age=2")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult();

        assertThat(calls("/public/disclosure/results")).as("the service saw the first request only").isEqualTo(1);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(Integer.parseInt(second.getResponseHeaders().getFirst("Age"))).isBetween(0, 2);
        assertThat(counted("miss")).isEqualTo(misses + 1);
        assertThat(counted("hit")).isEqualTo(hits + 1);
    }

    @Test
    void a_kept_answer_is_served_ahead_of_the_gateways_chain_with_the_security_headers_it_was_first_given() throws InterruptedException {
        answer("/public/disclosure/busy", 200, "Cache-Control", "public, max-age=60");
        EntityExchangeResult<String> first = get("/public/disclosure/busy?page=0");
        assertThat(first.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        double observed = settledRequestObservations();
        double hits = counted("hit");

        for (int i = 0; i < 5; i++) {
            web.get().uri("/public/disclosure/busy?page=0").header("X-Correlation-Id", "reader-" + i).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Correlation-Id", "reader-" + i)
                    .expectHeader().exists("Age")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", first.getResponseHeaders().getFirst("X-Frame-Options"))
                    .expectHeader().valueEquals("Cache-Control", "public, max-age=60");
        }

        assertThat(counted("hit")).isEqualTo(hits + 5);
        assertThat(settledRequestObservations()).as("no request observation: the chain was not entered").isEqualTo(observed);
        assertThat(calls("/public/disclosure/busy")).isEqualTo(1);
    }

    /** The requests the gateway observed so far, once a just-answered request's sample has been recorded. */
    double settledRequestObservations() throws InterruptedException {
        double before;
        double now = requestObservations();
        do {
            before = now;
            Thread.sleep(300);
            now = requestObservations();
        } while (now != before);
        return now;
    }

    double requestObservations() {
        return meters.find("http.server.requests").timers().stream().mapToDouble(t -> t.count()).sum();
    }

    @Test
    void once_its_max_age_has_passed_the_next_request_goes_to_the_origin_again() throws InterruptedException {
        answer("/public/disclosure/short-lived", 200, "Cache-Control", "public, max-age=1");
        get("/public/disclosure/short-lived");
        get("/public/disclosure/short-lived");
        assertThat(calls("/public/disclosure/short-lived")).isEqualTo(1);

        Thread.sleep(1_100);
        assertThat(get("/public/disclosure/short-lived").getResponseHeaders().containsHeader("Age")).isFalse();
        assertThat(calls("/public/disclosure/short-lived")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public, max-age=60", "max-age=60,public", "PUBLIC, Max-Age=60, must-revalidate",
            "public, max-age=0, s-maxage=60"})
    void an_answer_marked_public_with_a_lifetime_is_kept_however_its_directives_are_written(String cacheControl) {
        String path = "/public/disclosure/kept/" + Integer.toHexString(cacheControl.hashCode());
        answer(path, 200, "Cache-Control", cacheControl);
        get(path);
        get(path);
        assertThat(calls(path)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public, no-store", "no-cache, no-store, max-age=0, must-revalidate", "public, max-age=60, no-cache",
            "Public, Max-Age=60, Private", "private, max-age=60", "max-age=60", "public", "public, max-age=0",
            "public, max-age=60, s-maxage=0", "public, max-age=soon", "public, max-age=60, max-age=0"})
    void an_answer_not_marked_public_with_a_lifetime_or_marked_private_no_store_or_no_cache_is_not_kept(String cacheControl) {
        String path = "/public/disclosure/not-kept/" + Integer.toHexString(cacheControl.hashCode());
        answer(path, 200, "Cache-Control", cacheControl);
        double uncacheable = counted("uncacheable");
        get(path);
        get(path);
        assertThat(calls(path)).isEqualTo(2);
        assertThat(counted("uncacheable")).isEqualTo(uncacheable + 2);
    }

    @Test
    void an_answer_other_than_200_is_not_kept() {
        answer("/public/disclosure/missing", 404, "Cache-Control", "public, max-age=60");
        get("/public/disclosure/missing");
        get("/public/disclosure/missing");
        assertThat(calls("/public/disclosure/missing")).isEqualTo(2);
    }

    @Test
    void an_answer_setting_a_cookie_or_varying_by_request_header_is_not_kept() {
        answer("/public/disclosure/cookie", 200, "Cache-Control", "public, max-age=60", "Set-Cookie", "session=abc");
        answer("/public/disclosure/varying", 200, "Cache-Control", "public, max-age=60", "Vary", "Accept-Language");
        for (String path : new String[] {"/public/disclosure/cookie", "/public/disclosure/varying"}) {
            get(path);
            get(path);
            assertThat(calls(path)).as(path).isEqualTo(2);
        }
    }

    @Test
    void an_answer_larger_than_the_per_entry_limit_is_passed_on_but_not_kept() {
        marked.put("/public/disclosure/large", new Downstream.Answer(200, ",\"padding\":\"" + "x".repeat(2_000) + "\"",
                Map.of("Cache-Control", "public, max-age=60")));
        assertThat(get("/public/disclosure/large").getResponseBody()).hasSizeGreaterThan(2_000);
        assertThat(get("/public/disclosure/large").getResponseBody()).hasSizeGreaterThan(2_000);
        assertThat(calls("/public/disclosure/large")).isEqualTo(2);
    }

    @Test
    void a_signed_in_reader_or_one_with_cookies_is_neither_served_from_memory_nor_stored() {
        answer("/public/disclosure/personal", 200, "Cache-Control", "public, max-age=60");
        String token = issuer.token("xh.operator", "411622", "DISTRICT_OPERATOR");
        web.get().uri("/public/disclosure/personal").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        web.get().uri("/public/disclosure/personal").cookie("portal", "1").exchange().expectStatus().isOk();
        assertThat(calls("/public/disclosure/personal")).as("neither answer was kept").isEqualTo(2);

        get("/public/disclosure/personal");
        web.get().uri("/public/disclosure/personal").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectHeader().doesNotExist("Age");
        assertThat(calls("/public/disclosure/personal")).as("the signed-in reader is not served the kept answer").isEqualTo(4);
    }

    @Test
    void a_post_is_always_forwarded() {
        answer("/public/disclosure/feedback", 200, "Cache-Control", "public, max-age=60");
        for (int i = 0; i < 2; i++) {
            web.post().uri("/public/disclosure/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        }
        assertThat(service.calls("POST", "/public/disclosure/feedback")).isEqualTo(2);
    }

    @Test
    void different_query_strings_are_different_entries() {
        answer("/public/disclosure/listing", 200, "Cache-Control", "public, max-age=60");
        String xihua = get("/public/disclosure/listing?district=411622").getResponseBody();
        String shangshui = get("/public/disclosure/listing?district=411623").getResponseBody();
        assertThat(calls("/public/disclosure/listing")).isEqualTo(2);

        assertThat(get("/public/disclosure/listing?district=411622").getResponseBody()).isEqualTo(xihua).contains("district=411622");
        assertThat(get("/public/disclosure/listing?district=411623").getResponseBody()).isEqualTo(shangshui).contains("district=411623");
        assertThat(calls("/public/disclosure/listing")).isEqualTo(2);
    }
}
