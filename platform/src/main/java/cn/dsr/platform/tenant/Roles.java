package cn.dsr.platform.tenant;

/** The roles carried in the token's {@code roles} claim. */
public final class Roles {
    public static final String DISTRICT_OPERATOR = "DISTRICT_OPERATOR";
    public static final String DISTRICT_HEAD = "DISTRICT_HEAD"; // 分管领导: approves corrections, replacements, cancellations
    public static final String INSPECTOR = "INSPECTOR";
    public static final String CITY_COORDINATOR = "CITY_COORDINATOR"; // 支队
    public static final String AUDITOR = "AUDITOR";
    public static final String FEED_CONSUMER = "FEED_CONSUMER";

    private Roles() {}
}
