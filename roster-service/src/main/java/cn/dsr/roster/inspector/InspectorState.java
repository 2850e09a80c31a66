package cn.dsr.roster.inspector;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A person of the inspector roster as stored, read and published; {@code rosterRevision} as for
 * entities (absent in the change log, whose revision column carries it). {@code account} is the
 * person's sign-in name, by which inspection-service knows a signed-in user as this roster entry.
 */
public record InspectorState(UUID id, String tenant, String name, String unit, String department, String employer,
                             String certificateNo, LocalDate certificateValidFrom, LocalDate certificateValidUntil, String post,
                             InspectorKind kind, Set<String> expertise, InspectorStatus status, String homeDistrict,
                             String account, @JsonInclude(JsonInclude.Include.NON_NULL) Long rosterRevision) {

    public static InspectorState of(UUID id, String tenant, InspectorDraft d) {
        return new InspectorState(id, tenant, d.name(), d.unit(), d.department(), d.employer(), d.certificateNo(),
                d.certificateValidFrom(), d.certificateValidUntil(), d.post(), d.kind(), d.expertise(), d.status(), d.homeDistrict(), d.account(), null);
    }

    public InspectorState atRevision(Long revision) {
        return new InspectorState(id, tenant, name, unit, department, employer, certificateNo, certificateValidFrom,
                certificateValidUntil, post, kind, expertise, status, homeDistrict, account, revision);
    }


    /** Holds an enforcement certificate valid on that day. */
    public boolean certifiedOn(LocalDate day) {
        return certificateNo != null && certificateValidUntil != null && !day.isAfter(certificateValidUntil)
                && (certificateValidFrom == null || !day.isBefore(certificateValidFrom));
    }

    /**
     * May be sent to inspect on that day: in post, and an officer only with a valid certificate
     * (a field inspection needs officers holding valid certificates; experts join them).
     */
    public boolean availableOn(LocalDate day) {
        return status == InspectorStatus.IN_POST && (kind != InspectorKind.OFFICER || certifiedOn(day));
    }
}
