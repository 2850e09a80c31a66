package cn.dsr.inspection.evidence;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The evidence size limits, per kind, in MB: {@code dsr.inspection.evidence.max-mb.video=80}. */
@Configuration(proxyBeanMethods = false)
public class EvidenceLimits {

    private static final long MB = 1024 * 1024;

    @Bean
    EvidencePolicy evidencePolicy(Environment env) {
        Map<EvidenceKind, Long> limits = new EnumMap<>(EvidenceKind.class);
        for (EvidenceKind kind : EvidenceKind.values()) {
            long defaultMb = EvidencePolicy.DEFAULT.limit(kind) / MB;
            limits.put(kind, env.getProperty("dsr.inspection.evidence.max-mb." + kind.name().toLowerCase(Locale.ROOT), Long.class, defaultMb) * MB);
        }
        return new EvidencePolicy(limits);
    }
}
