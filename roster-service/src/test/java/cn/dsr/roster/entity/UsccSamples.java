package cn.dsr.roster.entity;

/** Builds valid-looking USCCs for tests and benchmarks: check digit and character computed. */
public final class UsccSamples {

    private UsccSamples() {}

    /** {@code head} = registration authority, kind and division code (8); {@code orgBody} = 8 characters. */
    public static String complete(String head, String orgBody) {
        String first17 = head + orgBody + Uscc.organisationCheckDigit(orgBody);
        return first17 + Uscc.checkCharacter(first17);
    }

    /** The n-th of a run of distinct valid codes registered in the given county. */
    public static String nth(String division, int n) {
        return complete("91" + division, String.format("MA%06d", n));
    }
}
