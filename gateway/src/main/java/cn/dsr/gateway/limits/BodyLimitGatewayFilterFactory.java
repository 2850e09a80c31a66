package cn.dsr.gateway.limits;

import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemHandler;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * A route's body limit ({@code BodyLimit=16MB}) answered as problem details saying the size and
 * the limit: the stock RequestSize filter answers 413 with an empty body and the reason in a header.
 */
@Component
public class BodyLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<BodyLimitGatewayFilterFactory.Config> {

    public static class Config {

        private DataSize maxSize = DataSize.ofMegabytes(12);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }

    private final ProblemHandler problems;

    public BodyLimitGatewayFilterFactory(ProblemHandler problems) {
        super(Config.class);
        this.problems = problems;
    }

    @Override
    public GatewayFilter apply(Config config) {
        long limit = config.getMaxSize().toBytes();
        return (exchange, chain) -> {
            long declared = exchange.getRequest().getHeaders().getContentLength();
            if (declared <= limit) return chain.filter(exchange);
            return problems.handle(exchange, new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the request body has " + declared + " bytes; this endpoint takes at most " + limit + " bytes"));
        };
    }
}
