package cn.dsr.platform.audit;

import cn.dsr.platform.config.PlatformDataAutoConfiguration;
import cn.dsr.platform.tenant.TenantTx;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** The authorization audit in every service with a database (the gateway has none and keeps none). */
@AutoConfiguration(after = PlatformDataAutoConfiguration.class)
@ConditionalOnBean(TenantTx.class)
public class AuditAutoConfiguration {

    @Bean
    AuthorizationAudit authorizationAudit(TenantTx tx, @Value("${dsr.audit.sensitive-reads:}") List<String> sensitiveReads) {
        return new AuthorizationAudit(tx, sensitiveReads);
    }

    @Bean
    AuditController auditController(AuthorizationAudit audit) {
        return new AuditController(audit);
    }
}
