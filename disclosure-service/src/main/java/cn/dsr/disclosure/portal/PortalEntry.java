package cn.dsr.disclosure.portal;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The public portal (公示门户) is static pages in {@code static/public/disclosure/} over the public
 * API; its address without a page leads to the search page.
 */
@Configuration(proxyBeanMethods = false)
public class PortalEntry {

    @Bean
    RouterFunction<ServerResponse> portalEntryRedirect() {
        return RouterFunctions.route()
                .GET("/public/disclosure", request -> ServerResponse.temporaryRedirect(URI.create("/public/disclosure/index.html")).build())
                .GET("/public/disclosure/", request -> ServerResponse.temporaryRedirect(URI.create("/public/disclosure/index.html")).build())
                .build();
    }
}
