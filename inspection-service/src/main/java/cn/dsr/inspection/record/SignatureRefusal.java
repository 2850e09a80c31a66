package cn.dsr.inspection.record;

import java.time.OffsetDateTime;

/** A refusal to sign, recorded by the inspectors (拒绝签字): who refused, how it was witnessed. */
public record SignatureRefusal(String note, OffsetDateTime at) {

    public SignatureRefusal {
        note = FieldRecord.text(note);
    }
}
