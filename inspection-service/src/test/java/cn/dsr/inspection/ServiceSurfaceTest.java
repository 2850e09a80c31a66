package cn.dsr.inspection;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ServiceSurfaceTest extends ServiceTest {

    @Test
    void health_metrics_and_the_api_description_are_served() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/inspection/tasks/{taskId}/record']").exists()
                .jsonPath("$.paths['/api/inspection/records/batch']").exists();
    }

    @Test
    void an_anonymous_caller_gets_problem_details_and_a_caller_without_a_role_is_refused() {
        web.get().uri("/api/inspection/tasks").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/inspection/tasks").headers(h -> h.setBearerAuth(infra.issuer().token("feed", "411622", "FEED_CONSUMER")))
                .exchange().expectStatus().isForbidden();
    }
}
