package cn.dsr.roster.entity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A tag a category rule can test, with the values it may take (null: free text). */
public enum Tag {
    PERMIT_CLASS(names(PermitClass.values())),
    PERFORMANCE_GRADE(names(PerformanceGrade.values())),
    CREDIT_RATING(names(CreditRating.values())),
    CREDIT_RISK(names(CreditRisk.values())),
    POSITIVE_LIST(Set.of("true", "false")),
    FLAG(names(Flag.values())),
    SUPERVISION_TYPE(null),
    POLLUTANT_KIND(null);

    private final Set<String> allowed;

    Tag(Set<String> allowed) {
        this.allowed = allowed;
    }

    public boolean allows(String value) {
        return value != null && !value.isBlank() && (allowed == null || allowed.contains(value));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
