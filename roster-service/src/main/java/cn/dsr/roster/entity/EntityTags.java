package cn.dsr.roster.entity;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The labels an entity carries in the roster (要素标签, seed 004): what the category rules look at
 * and what plans stratify by. Absent single values are null; absent sets are empty.
 */
public record EntityTags(
        PermitClass permitClass,
        Set<String> supervisionTypes,     // 监管类型, e.g. 水, 气, 固废, 辐射
        Set<String> pollutantKinds,       // 排放污染物类型
        PerformanceGrade performanceGrade,
        CreditRating creditRating,
        CreditRisk creditRisk,
        Boolean positiveList,             // 生态环境监督执法正面清单 (absent: not on it)
        Set<Flag> flags) {

    public static final EntityTags NONE = new EntityTags(null, Set.of(), Set.of(), null, null, null, false, Set.of());

    public EntityTags {
        supervisionTypes = sorted(supervisionTypes);
        pollutantKinds = sorted(pollutantKinds);
        positiveList = Boolean.TRUE.equals(positiveList);
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** The values of one tag, as the category rules compare them. */
    public Set<String> values(Tag tag) {
        return switch (tag) {
            case PERMIT_CLASS -> name(permitClass);
            case PERFORMANCE_GRADE -> name(performanceGrade);
            case CREDIT_RATING -> name(creditRating);
            case CREDIT_RISK -> name(creditRisk);
            case POSITIVE_LIST -> Set.of(Boolean.toString(positiveList));
            case FLAG -> flags.stream().map(Enum::name).collect(Collectors.toSet());
            case SUPERVISION_TYPE -> supervisionTypes;
            case POLLUTANT_KIND -> pollutantKinds;
        };
    }

    private static Set<String> name(Enum<?> value) {
        return value == null ? Set.of() : Set.of(value.name());
    }

    private static Set<String> sorted(Collection<String> values) {
        if (values == null || values.isEmpty()) return Set.of();
        SortedSet<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.strip()));
        return Collections.unmodifiableSortedSet(out);
    }
}
