package cn.dsr.inspection;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.workingdays.UnknownYearException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Renders a date beyond the official calendar as problem details, for every endpoint alike; the
 * domain's {@link Refused} the platform renders itself.
 */
@Component
public class RefusalsAsProblems implements WebFilter {

    /** A date beyond the official calendar: the request is sound, the calendar must be completed first. */
    public static ProblemException problem(UnknownYearException missing) {
        return new ProblemException(HttpStatus.CONFLICT, "Working-day calendar missing", missing.getMessage()
                + "; a city coordinator adds it under /api/inspection/calendar/" + missing.year());
    }

    /** Any refusal a request may meet, as problem details; other failures are left alone. */
    public static Throwable asProblem(Throwable error) {
        if (error instanceof Refused refused) return ProblemException.of(refused);
        if (error instanceof UnknownYearException missing) return problem(missing);
        return error;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorMap(RefusalsAsProblems::asProblem);
    }
}
