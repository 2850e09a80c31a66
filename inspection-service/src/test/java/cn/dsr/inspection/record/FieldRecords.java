package cn.dsr.inspection.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Field records for the visits of {@code ServiceTest.visit}: two distinct items, ITEM-WASTE and ITEM-AIR. */
public final class FieldRecords {

    private FieldRecords() {}

    public static Signature signedOn(LocalDate date) {
        return new Signature("赵经理", "环保负责人", date.atTime(11, 30).atOffset(ZoneOffset.ofHours(8)));
    }

    public static FieldRecord noProblem(LocalDate date, String... present) {
        return new FieldRecord(date, null, List.of(new ItemFinding("ITEM-WASTE", Finding.COMPLIANT, null, null),
                new ItemFinding("ITEM-AIR", Finding.COMPLIANT, null, null)), List.of(), Conclusion.NO_PROBLEM,
                List.of(present), signedOn(date), null, List.of(), List.of(), null);
    }

    public static FieldRecord wasteProblem(LocalDate date, List<UUID> evidence, String... present) {
        return new FieldRecord(date, null, List.of(
                new ItemFinding("ITEM-WASTE", Finding.PROBLEM_FOUND, "危废贮存间未设置识别标志", "《固体废物污染环境防治法》第七十七条"),
                new ItemFinding("ITEM-AIR", Finding.COMPLIANT, null, null)),
                List.of(Measure.ORDER_TO_RECTIFY, Measure.EVIDENCE_TAKEN), Conclusion.RECTIFICATION_ORDERED,
                List.of(present), null, new SignatureRefusal("负责人拒绝签字，执法记录仪全程录像", null), evidence, List.of(), null);
    }

    /** The same record as made on a device at a moment of its own. */
    public static FieldRecord madeAt(FieldRecord record, OffsetDateTime at) {
        return new FieldRecord(record.inspectionDate(), at, record.findings(), record.measures(), record.conclusion(),
                record.inspectorsPresent(), record.signature(), record.signatureRefused(), record.evidence(), record.confidentiality(),
                record.remarks());
    }
}
