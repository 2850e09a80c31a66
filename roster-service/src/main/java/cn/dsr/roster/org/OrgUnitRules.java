package cn.dsr.roster.org;

import java.util.Optional;

/**
 * Where an org unit may hang, from the structure of GB/T 2260 division codes (PPCCDD): a city is
 * PPCC00, its districts share its first four digits, and a department is its bureau's code, a
 * hyphen and a local code. Plain Java, so the rules are testable without a database.
 */
public final class OrgUnitRules {

    private OrgUnitRules() {}

    public record Refusal(String field, String message) {}

    public static boolean isDivisionCode(String code) {
        return code != null && code.matches("[1-8][0-9][0-9]{4}") && !code.startsWith("00", 2);
    }

    public static boolean isCity(String code) {
        return isDivisionCode(code) && code.endsWith("00");
    }

    public static boolean isDistrict(String code) {
        return isDivisionCode(code) && !code.endsWith("00");
    }

    /** The tenant (bureau) a unit belongs to. */
    public static String tenantOf(String code, OrgUnitKind kind, String parentCode) {
        return kind == OrgUnitKind.DEPARTMENT ? parentCode : code;
    }

    /** Checks the code's shape and its parent; the parent's existence is checked by the caller. */
    public static Optional<Refusal> check(String code, OrgUnitKind kind, String parentCode) {
        return switch (kind) {
            case CITY -> !isCity(code)
                    ? refuse("code", "a city detachment needs a prefecture-level GB/T 2260 code (PPCC00)")
                    : parentCode != null ? refuse("parentCode", "a city detachment has no parent") : Optional.empty();
            case DISTRICT -> !isDistrict(code)
                    ? refuse("code", "a district branch needs a county-level GB/T 2260 code (PPCCDD, DD ≠ 00)")
                    : !isCity(parentCode) ? refuse("parentCode", "a district branch hangs under its city detachment")
                    : !code.startsWith(parentCode.substring(0, 4)) ? refuse("parentCode", "district " + code + " is not in city " + parentCode)
                    : Optional.empty();
            case DEPARTMENT -> !isDivisionCode(parentCode)
                    ? refuse("parentCode", "a department hangs under a bureau (city or district code)")
                    : code == null || !code.matches(java.util.regex.Pattern.quote(parentCode) + "-[A-Za-z0-9]{1,16}")
                    ? refuse("code", "a department code is its bureau's code, '-', and 1–16 letters or digits")
                    : Optional.empty();
        };
    }

    private static Optional<Refusal> refuse(String field, String message) {
        return Optional.of(new Refusal(field, message));
    }
}
