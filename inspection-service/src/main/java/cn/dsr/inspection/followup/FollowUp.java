package cn.dsr.inspection.followup;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows a visit that found a problem (002, 003): a case opened for penalty (立案), or a
 * transfer to another agency or to the judicial organs. Only a visit whose current record found
 * a problem has a follow-up.
 */
public final class FollowUp {

    private FollowUp() {}

    /** 立案: the case number the bureau gave it and the day it was opened. */
    public record CaseOpening(String caseNumber, LocalDate openedOn) {

        public List<Violation> problems(LocalDate inspectionDate, LocalDate today) {
            List<Violation> out = new ArrayList<>();
            if (caseNumber == null || caseNumber.isBlank()) out.add(new Violation("caseNumber", "is required, e.g. 西环立字〔2026〕12号"));
            else if (caseNumber.length() > 64) out.add(new Violation("caseNumber", "at most 64 characters"));
            date(out, "openedOn", openedOn, inspectionDate, today);
            return out;
        }
    }

    /** 移送: to whom, when, why, under which transfer letter. */
    public record Transfer(TransferTarget target, String receivingOrgan, LocalDate transferredOn, String reason, String documentNumber) {

        public List<Violation> problems(LocalDate inspectionDate, LocalDate today) {
            List<Violation> out = new ArrayList<>();
            if (target == null) out.add(new Violation("target", "is required: OTHER_AGENCY or JUDICIAL_ORGAN"));
            text(out, "receivingOrgan", receivingOrgan, 200, true);
            text(out, "reason", reason, 2000, true);
            text(out, "documentNumber", documentNumber, 64, false);
            date(out, "transferredOn", transferredOn, inspectionDate, today);
            return out;
        }
    }

    public static void requireProblemFound(boolean problemFound) {
        if (!problemFound) {
            throw Refused.conflict("the visit's current record found no problem: there is nothing to open a case on or transfer");
        }
    }

    private static void date(List<Violation> out, String field, LocalDate date, LocalDate inspectionDate, LocalDate today) {
        if (date == null) out.add(new Violation(field, "is required"));
        else if (date.isAfter(today)) out.add(new Violation(field, "lies in the future"));
        else if (date.isBefore(inspectionDate)) out.add(new Violation(field, "lies before the inspection"));
    }

    private static void text(List<Violation> out, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) out.add(new Violation(field, "is required"));
        } else if (value.length() > max) {
            out.add(new Violation(field, "at most " + max + " characters"));
        }
    }
}
