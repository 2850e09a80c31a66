package cn.dsr.disclosure;

import cn.dsr.platform.web.ProblemException;

/** Checks of query inputs: a bad one is a 400 naming the parameter, before anything is read. */
public final class Inputs {

    private static final String USCC = "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}";

    private Inputs() {}

    public static String division(String field, String value, boolean required) {
        if (value == null && !required) return null;
        if (value == null || !value.matches("[0-9]{6}")) throw ProblemException.invalid(field, "a six-digit administrative division code (GB/T 2260)");
        return value;
    }

    public static String period(String field, String value, boolean required) {
        if (value == null && !required) return null;
        if (!Quarter.valid(value)) throw ProblemException.invalid(field, "a quarter such as 2026Q2");
        return value;
    }

    public static String uscc(String field, String value, boolean required) {
        if (value == null && !required) return null;
        if (value == null || !value.matches(USCC)) throw ProblemException.invalid(field, "an 18-character unified social credit code");
        return value;
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) throw ProblemException.invalid(field, "between " + min + " and " + max);
        return value;
    }

    public static <E extends Enum<E>> String oneOf(String field, String value, Class<E> type) {
        if (value == null) return null;
        try {
            return Enum.valueOf(type, value).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A search text: the characters LIKE treats specially are matched literally. */
    public static String likePattern(String field, String text) {
        if (text == null || text.isBlank()) return null;
        if (text.length() > 100) throw ProblemException.invalid(field, "at most 100 characters");
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
