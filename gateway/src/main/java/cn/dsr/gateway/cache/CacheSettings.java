package cn.dsr.gateway.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's response cache: on or off, the body bytes it holds at most in all, and the largest
 * body it stores (a larger answer is passed on, not kept).
 */
@ConfigurationProperties("dsr.gateway.cache")
public record CacheSettings(@DefaultValue("true") boolean enabled,
                            @DefaultValue("64MB") DataSize maxBytes,
                            @DefaultValue("1MB") DataSize maxEntryBytes) {}
