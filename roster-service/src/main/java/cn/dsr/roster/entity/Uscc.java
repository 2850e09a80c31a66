package cn.dsr.roster.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters — registration
 * authority (1), entity kind (1), the registering authority's GB/T 2260 division code (6), the
 * organisation code of GB 11714 (9, its last character a check digit) and a check character (1).
 */
public final class Uscc {

    /** The 31 characters of GB 32100: digits and capitals without I, O, Z, S, V (easily misread). */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Uscc() {}

    /** Spreadsheets often carry stray blanks and lower case; neither changes the code. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.strip().toUpperCase(Locale.ROOT);
    }

    /** Why a (normalized) code is not a valid USCC, or empty when it is. */
    public static Optional<String> problem(String code) {
        if (code == null || code.isEmpty()) return Optional.of("is required");
        if (code.length() != 18) return Optional.of("must have 18 characters, has " + code.length());
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " '" + code.charAt(i) + "' is not allowed (digits and capitals except I, O, Z, S, V)");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("characters 3–8 are the registering authority's division code and must be digits");
            }
        }
        char orgCheck = code.charAt(16);
        char expectedOrgCheck = organisationCheckDigit(code.substring(8, 16));
        if (orgCheck != expectedOrgCheck) {
            return Optional.of("the embedded organisation code " + code.substring(8, 17)
                    + " fails its GB 11714 check digit (expected " + expectedOrgCheck + ")");
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("check character is " + code.charAt(17) + ", GB 32100 gives " + expected);
        }
        return Optional.empty();
    }

    /** GB 32100 check character: weights 3^(i-1) mod 31 over the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714 check digit of an organisation code's 8-character body: 0–9, or X for 10. */
    public static char organisationCheckDigit(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }
}
