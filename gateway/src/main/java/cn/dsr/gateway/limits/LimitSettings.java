package cn.dsr.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request budgets (requests per second, with a burst). Anonymous callers of {@code /public/**}
 * are limited per client address and more strictly; authenticated callers per client (token
 * subject) and per tenant, so one district cannot exhaust another's share.
 */
@ConfigurationProperties("dsr.gateway.limits")
public record LimitSettings(Budget publicPerClient, Budget perClient, Budget perTenant) {

    public record Budget(long perSecond, long burst) {}

    public LimitSettings {
        if (publicPerClient == null) publicPerClient = new Budget(20, 40);
        if (perClient == null) perClient = new Budget(50, 100);
        if (perTenant == null) perTenant = new Budget(200, 400);
    }
}
