package cn.dsr.disclosure.result;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One version of an inspection record as inspection-service submitted or amended it: what the
 * public view is made from. The result id is the visit's task id, stable across versions.
 */
public record InspectionResult(String resultId, int version, String tenant, Entity entity, String drawId, String period,
                               boolean random, LocalDate inspectionDate, OffsetDateTime submittedAt, Conclusion conclusion,
                               List<ItemFinding> findings, Set<Confidentiality> confidentiality) {

    public record Entity(String uscc, String name, String district) {}

    /** One item's finding; {@code finding} is COMPLIANT, PROBLEM_FOUND or NOT_APPLICABLE. */
    public record ItemFinding(String itemId, String planId, String finding, String description, String provision) {}

    public InspectionResult {
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(inspectionDate, "inspectionDate");
        Objects.requireNonNull(conclusion, "conclusion");
        if (version < 1) throw new IllegalArgumentException("version starts at 1: " + version);
        findings = List.copyOf(findings);
        confidentiality = Set.copyOf(confidentiality);
    }

    public boolean nationalSecret() {
        return confidentiality.contains(Confidentiality.NATIONAL_SECRET);
    }
}
