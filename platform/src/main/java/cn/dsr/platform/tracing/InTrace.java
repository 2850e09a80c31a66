package cn.dsr.platform.tracing;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Where code logs on a request's behalf. With {@code spring.reactor.context-propagation=limited}
 * (see {@link TracingEnvironment}) Reactor restores the subscriber's trace into thread-locals only
 * inside {@code handle} and {@code tap}; work run here sees it, so its log lines name the trace.
 */
public final class InTrace {

    private InTrace() {}

    /** The work's result; empty if it answers null, failed if it throws. */
    public static <T> Mono<T> call(Supplier<T> work) {
        return Mono.just(work).handle((w, sink) -> {
            T result = w.get();
            if (result != null) sink.next(result);
        });
    }
}
