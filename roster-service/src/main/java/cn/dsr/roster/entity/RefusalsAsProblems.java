package cn.dsr.roster.entity;

import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Turns the domain's {@link Refused} into the platform's 400 problem details, so domain code stays
 * free of web types and every roster endpoint names the offending field the same way.
 */
@Component
public class RefusalsAsProblems implements WebFilter {

    private static ProblemException problem(List<Violation> violations) {
        return ProblemException.invalid(violations.stream().map(v -> new FieldViolation(v.field(), v.message())).toList());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorMap(Refused.class, r -> problem(r.violations()));
    }
}
