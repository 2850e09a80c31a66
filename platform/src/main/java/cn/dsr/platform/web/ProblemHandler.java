package cn.dsr.platform.web;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.support.TransientFailure;
import cn.dsr.platform.tracing.InTrace;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error of a service as RFC 9457 problem details ({@code application/problem+json})
 * with field-level violations. A database out of reach or overloaded is a 503 with
 * {@code Retry-After}; unexpected failures become a bare 500 naming only the correlation id: no
 * exception text or stack trace ever reaches the client.
 */
public class ProblemHandler implements WebExceptionHandler, ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("`?\\b(?:[a-z_][a-z0-9_]*\\.)+(?:[A-Z][\\w]*\\$)*([A-Z][\\w]*)`?");

    private final JsonMapper json;

    public ProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) return Mono.error(ex);
        return InTrace.call(() -> toProblem(exchange, ex)).flatMap(problem -> write(exchange, problem));
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        return handle(exchange, ex);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return handle(exchange, (Throwable) denied);
    }

    record Problem(HttpStatusCode status, String title, String detail, List<FieldViolation> errors) {}

    Problem toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof Refused refused) {
            ex = ProblemException.of(refused);
        }
        if (ex instanceof ProblemException p) {
            return new Problem(p.status(), p.title(), p.getMessage(), p.violations());
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldViolation> errors = new ArrayList<>();
            bind.getFieldErrors().forEach(e -> errors.add(new FieldViolation(e.getField(), e.getDefaultMessage())));
            bind.getGlobalErrors().forEach(e -> errors.add(new FieldViolation(e.getObjectName(), e.getDefaultMessage())));
            return invalid(errors);
        }
        if (ex instanceof ConstraintViolationException cve) {
            return invalid(cve.getConstraintViolations().stream()
                    .map(v -> new FieldViolation(v.getPropertyPath().toString(), v.getMessage())).toList());
        }
        if (ex instanceof ServerWebInputException input) {
            return fromInput(input);
        }
        if (ex instanceof ServerErrorException missing && missing.getMethodParameter() != null
                && missing.getMethodParameter().hasParameterAnnotation(PathVariable.class)) {
            // a path segment that converts to nothing (" " as a UUID): the client's input, not a fault here
            String name = missing.getMethodParameter().getParameterName();
            return invalid(List.of(new FieldViolation(name == null ? "path" : name, "is required")));
        }
        if (ex instanceof DataBufferLimitException) {
            return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", "the request body exceeds the allowed size", List.of());
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode status = rse.getStatusCode();
            String reason = rse.getReason() != null ? rse.getReason() : defaultTitle(status);
            return new Problem(status, defaultTitle(status), reason, List.of());
        }
        if (ex instanceof AuthenticationException) {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return new Problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "a valid bearer token is required", List.of());
        }
        if (ex instanceof AccessDeniedException) {
            return new Problem(HttpStatus.FORBIDDEN, "Forbidden", "not allowed for this caller", List.of());
        }
        if (ex instanceof DataIntegrityViolationException) {
            log.info("integrity violation on {}: {}", exchange.getRequest().getPath(), ex.getMessage());
            return new Problem(HttpStatus.CONFLICT, "Conflict", "the change conflicts with existing data", List.of());
        }
        if (TransientFailure.is(ex)) {
            // overload or an outage, not a bug: the client is told to come back (a write with its
            // Idempotency-Key is applied once however often it is resent)
            log.warn("unavailable on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "the service cannot complete requests just now; retry after " + RETRY_AFTER_SECONDS + " s", List.of());
        }
        String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER);
        log.error("unhandled error on {} {} (correlation id {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), correlationId, ex);
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed; quote correlation id " + correlationId, List.of());
    }

    private Problem fromInput(ServerWebInputException input) {
        JacksonException jackson = cause(input, JacksonException.class);
        if (jackson != null) {
            String field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = jackson.getOriginalMessage();
            if (message != null) message = message.lines().findFirst().orElse(message);
            if (field.isEmpty()) {
                return new Problem(HttpStatus.BAD_REQUEST, "Malformed request body", "the body is not valid JSON: " + message, List.of());
            }
            return invalid(List.of(new FieldViolation(field, "invalid value: " + message)));
        }
        String reason = input.getReason() != null ? input.getReason() : "invalid input";
        String parameter = input.getMethodParameter() != null ? input.getMethodParameter().getParameterName() : null;
        return parameter == null
                ? new Problem(HttpStatus.BAD_REQUEST, "Invalid request", reason, List.of())
                : invalid(List.of(new FieldViolation(parameter, reason)));
    }

    /**
     * Framework messages name the Java types behind a body ("not supported for
     * bodyType=cn.dsr.roster.entity.EntityController$EntityBody"): the client sees the simple name only.
     */
    static String withoutTypeNames(String text) {
        return text == null ? null : QUALIFIED_TYPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    private static Problem invalid(List<FieldViolation> errors) {
        ProblemException p = ProblemException.invalid(errors);
        return new Problem(p.status(), p.title(), p.getMessage(), errors);
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static String defaultTitle(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", withoutTypeNames(problem.detail()));
        body.put("instance", exchange.getRequest().getPath().value());
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors().stream().map(e -> new FieldViolation(e.field(), withoutTypeNames(e.message()))).toList());
        }
        byte[] bytes = json.writeValueAsBytes(body);
        var response = exchange.getResponse();
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
