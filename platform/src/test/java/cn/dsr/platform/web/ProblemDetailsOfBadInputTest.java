package cn.dsr.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerErrorException;
import tools.jackson.databind.json.JsonMapper;

/** What a client is told about its bad input: a 4xx naming the field, never the server's internals. */
class ProblemDetailsOfBadInputTest {

    @SuppressWarnings("unused")
    void entity(@PathVariable UUID id) {}

    @Test
    void a_blank_uuid_in_the_path_is_a_400_naming_the_parameter() throws Exception {
        MethodParameter id = new MethodParameter(getClass().getDeclaredMethod("entity", UUID.class), 0);
        id.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/roster/entities/%20"));
        ProblemHandler.Problem problem = new ProblemHandler(JsonMapper.builder().build())
                .toProblem(exchange, new ServerErrorException("Missing path variable 'id'", id, null));
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.errors()).extracting(ProblemException.FieldViolation::field).containsExactly("id");
    }

    @Test
    void the_java_types_behind_a_body_are_not_named_to_the_client() {
        assertThat(ProblemHandler.withoutTypeNames(
                "Content type 'image/jpeg' not supported for bodyType=cn.dsr.roster.entity.EntityController$EntityBody"))
                .isEqualTo("Content type 'image/jpeg' not supported for bodyType=EntityBody");
        assertThat(ProblemHandler.withoutTypeNames("Cannot deserialize value of type `cn.dsr.inspection.task.TargetedReason` from Array value"))
                .isEqualTo("Cannot deserialize value of type TargetedReason from Array value");
        assertThat(ProblemHandler.withoutTypeNames("expected java.lang.String; see dsr-draw/1 and application/json"))
                .isEqualTo("expected String; see dsr-draw/1 and application/json");
    }
}
