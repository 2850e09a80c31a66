package cn.dsr.inspection.record;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.task.Method;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.Task.TeamMember;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The field record (现场检查记录表) of one visit, as the inspectors fill it in on site: a finding
 * on every item, the measures taken, the conclusion, who was present, the entity's signature or
 * its recorded refusal, and the evidence attached.
 */
public record FieldRecord(
        LocalDate inspectionDate,
        OffsetDateTime recordedAt,      // when the record was made on the device; offline records carry it
        List<ItemFinding> findings,
        List<Measure> measures,
        Conclusion conclusion,
        List<String> inspectorsPresent,
        Signature signature,
        SignatureRefusal signatureRefused,
        List<UUID> evidence,
        List<Confidentiality> confidentiality,
        String remarks) {

    /** Device clocks drift; a record stamped a little ahead of the server is still accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_EVIDENCE = 50;
    static final String OFFICER = "OFFICER";

    public FieldRecord {
        findings = findings == null ? List.of() : List.copyOf(findings.stream().filter(Objects::nonNull).toList());
        measures = measures == null ? List.of() : measures.stream().filter(Objects::nonNull).distinct().sorted().toList();
        inspectorsPresent = inspectorsPresent == null ? List.of() : inspectorsPresent.stream().map(FieldRecord::text).toList();
        evidence = evidence == null ? List.of() : List.copyOf(evidence.stream().filter(Objects::nonNull).toList());
        confidentiality = confidentiality == null ? List.of()
                : confidentiality.stream().filter(Objects::nonNull).distinct().sorted(Comparator.naturalOrder()).toList();
        remarks = text(remarks);
    }

    public boolean problemFound() {
        return findings.stream().anyMatch(f -> f.finding() == Finding.PROBLEM_FOUND);
    }

    public List<ItemFinding> problems() {
        return findings.stream().filter(f -> f.finding() == Finding.PROBLEM_FOUND).toList();
    }

    /** Stamps a record made online with the moment the server received it. */
    public FieldRecord recordedAtIfUnset(OffsetDateTime now) {
        return recordedAt != null ? this : new FieldRecord(inspectionDate, now, findings, measures, conclusion, inspectorsPresent,
                signature, signatureRefused, evidence, confidentiality, remarks);
    }

    /** Whether two versions say the same, whenever each was written down. */
    public boolean sameContentAs(FieldRecord other) {
        return withoutRecordedAt().equals(other.withoutRecordedAt());
    }

    private FieldRecord withoutRecordedAt() {
        return new FieldRecord(inspectionDate, null, findings, measures, conclusion, inspectorsPresent,
                signature, signatureRefused, evidence, confidentiality, remarks);
    }

    /** Every reason this record cannot stand for the visit; empty when it can. */
    public List<Violation> problems(Task task, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(InspectionEvents.CHINA).toLocalDate();
        List<Violation> out = new ArrayList<>();
        if (inspectionDate == null) out.add(new Violation("inspectionDate", "is required"));
        else if (inspectionDate.isAfter(today)) out.add(new Violation("inspectionDate", "lies in the future"));
        if (recordedAt != null) moment(out, "recordedAt", recordedAt, now);
        findings(task, out);
        if (conclusion == null) {
            out.add(new Violation("conclusion", "is required"));
        } else {
            conclusion.inconsistencyWith(findings.stream().map(ItemFinding::finding).filter(Objects::nonNull).toList(), measures)
                    .ifPresent(m -> out.add(new Violation("conclusion", m)));
        }
        if (problemFound() && !measures.contains(Measure.ORDER_TO_RECTIFY)) {
            // 行政处罚法 第二十八条: the offender is ordered to correct what was found
            out.add(new Violation("measures", "a problem found is ordered to be rectified (ORDER_TO_RECTIFY)"));
        }
        inspectors(task, out);
        signature(task, now, out);
        if (evidence.size() > MAX_EVIDENCE) out.add(new Violation("evidence", "at most " + MAX_EVIDENCE + " attachments"));
        if (new HashSet<>(evidence).size() < evidence.size()) out.add(new Violation("evidence", "lists an attachment twice"));
        length(out, "remarks", remarks, 2000);
        return out;
    }

    private void findings(Task task, List<Violation> out) {
        Set<String> expected = task.itemIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            ItemFinding f = findings.get(i);
            String at = "findings[" + i + "]";
            if (f.itemId() == null) out.add(new Violation(at + ".itemId", "is required"));
            else if (!expected.contains(f.itemId())) out.add(new Violation(at + ".itemId", f.itemId() + " is not an item of this visit"));
            else if (!seen.add(f.itemId())) out.add(new Violation(at + ".itemId", f.itemId() + " is found on twice"));
            if (f.finding() == null) out.add(new Violation(at + ".finding", "is required: COMPLIANT, PROBLEM_FOUND or NOT_APPLICABLE"));
            if (f.finding() == Finding.PROBLEM_FOUND) {
                if (f.description() == null) out.add(new Violation(at + ".description", "describes the problem found"));
                if (f.provision() == null) out.add(new Violation(at + ".provision", "names the legal provision the problem breaches"));
            }
            length(out, at + ".description", f.description(), 2000);
            length(out, at + ".provision", f.provision(), 500);
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            out.add(new Violation("findings", "every item of the visit has a finding; missing: " + String.join(", ", missing)));
        }
    }

    private void inspectors(Task task, List<Violation> out) {
        Set<String> seen = new HashSet<>();
        int officers = 0;
        for (int i = 0; i < inspectorsPresent.size(); i++) {
            String id = inspectorsPresent.get(i);
            Optional<TeamMember> member = task.team().stream().filter(m -> m.inspectorId().equals(id)).findFirst();
            if (member.isEmpty()) {
                out.add(new Violation("inspectorsPresent[" + i + "]", id + " is not on the team assigned to this visit"));
            } else if (!seen.add(id)) {
                out.add(new Violation("inspectorsPresent[" + i + "]", id + " is listed twice"));
            } else if (OFFICER.equals(member.get().kind())) {
                officers++;
            }
        }
        if (task.method() == Method.ON_SITE && officers < 2) {
            // 行政处罚法 第四十二条: no fewer than two enforcement officers; experts join, they do not count
            out.add(new Violation("inspectorsPresent", "an on-site inspection is made by at least two enforcement officers of the assigned team"));
        }
    }

    private void signature(Task task, OffsetDateTime now, List<Violation> out) {
        if (signature != null && signatureRefused != null) {
            out.add(new Violation("signatureRefused", "a record is either signed or its refusal recorded, not both"));
        }
        boolean needed = task.method() == Method.ON_SITE && conclusion != null && conclusion.entityMet();
        if (needed && signature == null && signatureRefused == null) {
            out.add(new Violation("signature", "the entity signs the record (signer, role, time) or its refusal to sign is recorded"));
        }
        if (signature != null) {
            if (signature.signer() == null) out.add(new Violation("signature.signer", "is required"));
            if (signature.role() == null) out.add(new Violation("signature.role", "is required, e.g. 法定代表人 or 环保负责人"));
            length(out, "signature.signer", signature.signer(), 50);
            length(out, "signature.role", signature.role(), 50);
            if (signature.signedAt() == null) out.add(new Violation("signature.signedAt", "is required"));
            else moment(out, "signature.signedAt", signature.signedAt(), now);
        }
        if (signatureRefused != null) {
            if (signatureRefused.note() == null) {
                out.add(new Violation("signatureRefused.note", "records who refused to sign and how it was witnessed"));
            }
            length(out, "signatureRefused.note", signatureRefused.note(), 500);
            if (signatureRefused.at() != null) moment(out, "signatureRefused.at", signatureRefused.at(), now);
        }
    }

    /** A moment on the visit: not before the inspection date, not ahead of the server clock. */
    private void moment(List<Violation> out, String field, OffsetDateTime at, OffsetDateTime now) {
        if (at.isAfter(now.plus(CLOCK_SKEW))) out.add(new Violation(field, "lies in the future"));
        else if (inspectionDate != null && at.atZoneSameInstant(InspectionEvents.CHINA).toLocalDate().isBefore(inspectionDate)) {
            out.add(new Violation(field, "lies before the inspection date"));
        }
    }

    private static void length(List<Violation> out, String field, String value, int max) {
        if (value != null && value.length() > max) out.add(new Violation(field, "at most " + max + " characters"));
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
