package cn.dsr.draw.core.example;

/** Check characters of the unified social credit code (GB 32100-2015) and its organisation code (GB 11714). */
final class Gb32100 {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Gb32100() {
    }

    static boolean isValid(String code) {
        if (code.length() != 18 || !code.chars().allMatch(c -> CHARSET.indexOf(c) >= 0)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return CHARSET.charAt(check) == code.charAt(17) && organisationCheck(code.substring(8, 16)) == code.charAt(16);
    }

    private static char organisationCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(body.charAt(i), 36) * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }
}
