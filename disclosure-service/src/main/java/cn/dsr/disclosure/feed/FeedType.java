package cn.dsr.disclosure.feed;

/**
 * The stable CloudEvents types of the external feed {@code disclosure.public.v1}; a breaking
 * change gets a new version suffix, never a new meaning under the same name.
 */
public enum FeedType {
    PLAN_PUBLISHED("cn.gov.mee.dsr.disclosure.plan-published.v1"),
    RESULT_PUBLISHED("cn.gov.mee.dsr.disclosure.result-published.v1"),
    RESULT_AMENDED("cn.gov.mee.dsr.disclosure.result-amended.v1"),
    RESULT_WITHDRAWN("cn.gov.mee.dsr.disclosure.result-withdrawn.v1"),
    LIST_PUBLISHED("cn.gov.mee.dsr.disclosure.list-published.v1");

    public static final String TOPIC = "disclosure.public.v1";
    public static final String SOURCE = "/dsr/disclosure";

    private final String type;

    FeedType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public String dataschema() {
        return "urn:dsr:schema:" + type;
    }
}
