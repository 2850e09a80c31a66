package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.roster.org.OrgUnitRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an operator states about an entity (检查对象) — by form or by spreadsheet row. The roster
 * derives the rest: id, tenant, supervision category.
 */
public record EntityDraft(
        String uscc,
        String name,
        String address,
        String district,              // GB/T 2260 code of the district the entity lies in
        String legalRepresentative,   // 法定代表人
        String industry,              // GB/T 4754 国民经济行业分类 code, e.g. C2614
        EntityStatus status,
        LocalDate registrationDate,
        EntityTags tags) {

    public EntityDraft {
        uscc = Uscc.normalize(uscc);
        name = text(name);
        address = text(address);
        district = text(district);
        legalRepresentative = text(legalRepresentative);
        industry = industry == null || industry.isBlank() ? null : industry.strip().toUpperCase(Locale.ROOT);
        tags = tags == null ? EntityTags.NONE : tags;
    }

    /** Every reason this draft cannot enter the roster; empty when it can. */
    public List<Violation> problems(LocalDate today) {
        List<Violation> out = new ArrayList<>();
        Uscc.problem(uscc).ifPresent(p -> out.add(new Violation("uscc", p)));
        require(out, "name", name, 200);
        require(out, "address", address, 300);
        if (district == null) out.add(new Violation("district", "is required"));
        else if (!OrgUnitRules.isDivisionCode(district)) out.add(new Violation("district", "must be a GB/T 2260 division code (6 digits)"));
        if (legalRepresentative != null && legalRepresentative.length() > 50) out.add(new Violation("legalRepresentative", "at most 50 characters"));
        if (industry != null && !industry.matches("[A-T]([0-9]{2}([0-9]{1,2})?)?")) {
            out.add(new Violation("industry", "must be a GB/T 4754 code: a section letter A–T, optionally 2, 3 or 4 digits (e.g. C2614)"));
        }
        if (status == null) out.add(new Violation("status", "is required"));
        if (registrationDate != null && registrationDate.isAfter(today)) out.add(new Violation("registrationDate", "lies in the future"));
        labels(out, "tags.supervisionTypes", tags.supervisionTypes());
        labels(out, "tags.pollutantKinds", tags.pollutantKinds());
        return out;
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void require(List<Violation> out, String field, String value, int max) {
        if (value == null) out.add(new Violation(field, "is required"));
        else if (value.length() > max) out.add(new Violation(field, "at most " + max + " characters"));
    }

    private static void labels(List<Violation> out, String field, Set<String> values) {
        if (values.size() > 20) out.add(new Violation(field, "at most 20 labels"));
        values.stream().filter(v -> v.isEmpty() || v.length() > 40).findFirst()
                .ifPresent(v -> out.add(new Violation(field, "labels have 1–40 characters")));
    }
}
