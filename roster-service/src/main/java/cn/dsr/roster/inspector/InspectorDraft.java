package cn.dsr.roster.inspector;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.roster.org.OrgUnitRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What an operator states about a person of the inspector roster (执法人员名录库). */
public record InspectorDraft(
        String name,
        String unit,                     // org unit code of the bureau whose roster holds the person
        String department,               // org unit code of a department (科室/股室) of that bureau
        String employer,                 // for experts and third parties: their own organisation
        String certificateNo,            // 执法证号
        LocalDate certificateValidFrom,
        LocalDate certificateValidUntil,
        String post,                     // 职务
        InspectorKind kind,
        Set<String> expertise,           // 擅长领域, matched against the items' required expertise
        InspectorStatus status,
        String homeDistrict,             // GB/T 2260 code: where the person is based, for geographic matching
        String account) {                // the person's sign-in name at the identity provider, linking their token to this entry

    public InspectorDraft {
        name = text(name);
        unit = text(unit);
        department = text(department);
        employer = text(employer);
        certificateNo = text(certificateNo);
        post = text(post);
        homeDistrict = text(homeDistrict);
        account = text(account);
        expertise = expertise == null ? Set.of() : Collections.unmodifiableSortedSet(expertise.stream()
                .filter(Objects::nonNull).map(String::strip).collect(Collectors.toCollection(TreeSet::new)));
    }

    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (name == null || name.length() > 50) out.add(new Violation("name", "is required, at most 50 characters"));
        if (!OrgUnitRules.isDivisionCode(unit)) out.add(new Violation("unit", "the GB/T 2260 code of the bureau (6 digits)"));
        if (department != null && (unit == null || !department.startsWith(unit + "-"))) {
            out.add(new Violation("department", "a department code of the unit: '" + unit + "-' and its local code"));
        }
        if (employer != null && employer.length() > 100) out.add(new Violation("employer", "at most 100 characters"));
        if (kind == null) out.add(new Violation("kind", "is required"));
        if (certificateNo == null) {
            if (kind == InspectorKind.OFFICER) out.add(new Violation("certificateNo", "an officer holds an enforcement certificate (执法证)"));
            if (certificateValidFrom != null || certificateValidUntil != null) out.add(new Violation("certificateNo", "validity without a certificate"));
        } else {
            if (!certificateNo.matches("[A-Za-z0-9-]{4,32}")) out.add(new Violation("certificateNo", "4–32 letters, digits or '-'"));
            if (certificateValidUntil == null) out.add(new Violation("certificateValidUntil", "a certificate has an end of validity"));
            else if (certificateValidFrom != null && certificateValidFrom.isAfter(certificateValidUntil)) {
                out.add(new Violation("certificateValidUntil", "ends before it begins"));
            }
        }
        if (post != null && post.length() > 50) out.add(new Violation("post", "at most 50 characters"));
        if (expertise.size() > 20 || expertise.stream().anyMatch(t -> t.isEmpty() || t.length() > 40)) {
            out.add(new Violation("expertise", "at most 20 tags of 1–40 characters"));
        }
        if (status == null) out.add(new Violation("status", "is required"));
        if (!OrgUnitRules.isDivisionCode(homeDistrict)) out.add(new Violation("homeDistrict", "a GB/T 2260 division code (6 digits)"));
        if (account != null && !account.matches("[A-Za-z0-9._@-]{1,64}")) {
            out.add(new Violation("account", "a sign-in name of 1–64 letters, digits, '.', '_', '@' or '-'"));
        }
        return out;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
