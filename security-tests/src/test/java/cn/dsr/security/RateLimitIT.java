package cn.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One district's users together at ten times the district's budget (security-tests/pom.xml sets it
 * for the gateway: 50 requests/s, burst 100): the surplus gets 429 with Retry-After at the door,
 * while another district, asking at a normal pace at the same time, is served every time.
 */
class RateLimitIT {

    static final int TENANT_PER_SECOND = 50;
    static final int TENANT_BURST = 100;

    @Test
    void a_tenant_at_ten_times_its_quota_gets_429s_while_another_tenant_is_served() throws Exception {
        Fixtures.get();
        List<Caller> xihua = List.of(Caller.named("xh.operator"), Caller.named("xh.head"), Caller.named("xh.inspector1"),
                Caller.named("xh.auditor"));
        Caller shangshui = Caller.named("ss.operator");
        xihua.forEach(Caller::token);
        shangshui.token();
        Thread.sleep(2_500); // let the fixtures' spending refill the buckets

        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong refusedWithRetryAfter = new AtomicLong();
        AtomicLong served = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(17);
        long started = System.nanoTime();
        long window = TimeUnit.SECONDS.toNanos(3);
        for (int t = 0; t < 16; t++) {
            Caller caller = xihua.get(t % xihua.size());
            pool.submit(() -> {
                while (System.nanoTime() - started < window) {
                    Http.Reply reply = Http.send(caller.token(), "GET", "/api/roster/org-units", null, null, false);
                    sent.incrementAndGet();
                    if (reply.status() == 429) {
                        refused.incrementAndGet();
                        if (reply.retryAfter() != null && Long.parseLong(reply.retryAfter()) >= 1
                                && reply.contentType().contains("problem+json")) refusedWithRetryAfter.incrementAndGet();
                    } else if (reply.ok()) {
                        served.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Future<long[]> other = pool.submit(() -> {
            long ok = 0;
            long asked = 0;
            while (System.nanoTime() - started < window) {
                asked++;
                if (Http.send(shangshui.token(), "GET", "/api/roster/org-units", null, null, false).ok()) ok++;
                Thread.sleep(100);
            }
            return new long[] {asked, ok};
        });
        long[] otherTenant = other.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        double budget = TENANT_BURST + TENANT_PER_SECOND * seconds;
        double offered = sent.get() / seconds;
        Report.write("rate-limit.md", """
                # Rate limit per tenant, on the stack

                411622 (4 users, 16 threads): %d requests in %.1f s = %.0f/s against a budget of %d/s (burst %d), i.e. %.1f× the quota;
                served %d (budget for the window %.0f), refused 429 %d (with Retry-After and problem+json: %d).
                411623 at the same time, 10/s: %d asked, %d served.
                """.formatted(sent.get(), seconds, offered, TENANT_PER_SECOND, TENANT_BURST, offered / TENANT_PER_SECOND,
                served.get(), budget, refused.get(), refusedWithRetryAfter.get(), otherTenant[0], otherTenant[1]));

        assertThat(offered).as("offered load, requests/s").isGreaterThanOrEqualTo(10.0 * TENANT_PER_SECOND);
        assertThat(served.get()).as("served within the tenant's budget").isLessThanOrEqualTo((long) Math.ceil(budget));
        assertThat(refused.get()).isGreaterThan(sent.get() / 2);
        assertThat(refusedWithRetryAfter.get()).isEqualTo(refused.get());
        assertThat(otherTenant[1]).as("the other district is served every time").isEqualTo(otherTenant[0]);
    }
}
