package cn.dsr.inspection;

import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import cn.dsr.workingdays.UnknownYearException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Renders the domain's {@link Refused}, and a date beyond the official calendar, as the platform's
 * problem details, for every endpoint alike.
 */
@Component
public class RefusalsAsProblems implements WebFilter {

    public static ProblemException problem(Refused refused) {
        return switch (refused.why()) {
            case INVALID -> ProblemException.invalid(fields(refused));
            case CONFLICT -> new ProblemException(HttpStatus.CONFLICT, "Conflict", refused.getMessage());
            case FORBIDDEN -> ProblemException.forbidden(refused.getMessage());
            case TOO_LARGE -> new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", refused.getMessage(), fields(refused));
        };
    }

    /** A date beyond the official calendar: the request is sound, the calendar must be completed first. */
    public static ProblemException problem(UnknownYearException missing) {
        return new ProblemException(HttpStatus.CONFLICT, "Working-day calendar missing", missing.getMessage()
                + "; a city coordinator adds it under /api/inspection/calendar/" + missing.year());
    }

    /** Any refusal a request may meet, as problem details; other failures are left alone. */
    public static Throwable asProblem(Throwable error) {
        if (error instanceof Refused refused) return problem(refused);
        if (error instanceof UnknownYearException missing) return problem(missing);
        return error;
    }

    private static List<FieldViolation> fields(Refused refused) {
        return refused.violations().stream().map(v -> new FieldViolation(v.field(), v.message())).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorMap(RefusalsAsProblems::asProblem);
    }
}
