package cn.dsr.stack.client;

/**
 * Valid unified social credit codes (统一社会信用代码, GB 32100) for whole-stack fixtures: the
 * embedded organisation code's GB 11714 check digit and the code's check character computed, so
 * the roster accepts them. Worked out here independently of roster-service, which checks them.
 */
public final class Uscc {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Uscc() {}

    /** The code of the {@code serial}-th enterprise (企业法人, "91") registered in a district. */
    public static String of(String district, int serial) {
        String body = "%08d".formatted(serial % 100_000_000);
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (body.charAt(i) - '0') * ORG_CODE_WEIGHTS[i];
        int orgCheck = 11 - sum % 11;
        String first17 = "91" + district + body + (orgCheck == 10 ? 'X' : orgCheck == 11 ? '0' : (char) ('0' + orgCheck));
        int total = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            total += CHARSET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return first17 + CHARSET.charAt((31 - total % 31) % 31);
    }
}
