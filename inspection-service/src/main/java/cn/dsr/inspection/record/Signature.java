package cn.dsr.inspection.record;

import java.time.OffsetDateTime;

/** The entity's signature on the record (被检查单位签字): who signed, in what capacity, when. */
public record Signature(String signer, String role, OffsetDateTime signedAt) {

    public Signature {
        signer = FieldRecord.text(signer);
        role = FieldRecord.text(role);
    }
}
