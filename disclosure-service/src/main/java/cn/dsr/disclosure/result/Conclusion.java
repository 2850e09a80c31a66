package cn.dsr.disclosure.result;

/**
 * The conclusion of an inspection record as inspection-service publishes it, and the wording the
 * public reads (004: 「未发现问题」「发现问题已责令整改」「发现违法行为已立案调查」).
 */
public enum Conclusion {
    NO_PROBLEM("未发现问题"),
    RECTIFICATION_ORDERED("发现问题已责令整改"),
    CASE_OPENED("发现违法行为已立案调查"),
    CLOSED_OR_NOT_OPERATING("检查对象已关闭或未生产经营"),
    UNREACHABLE("通过登记的住所无法联系");

    private final String wording;

    Conclusion(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }

    /** A problem was found: what the problem-discovery rate counts. */
    public boolean problemFound() {
        return this == RECTIFICATION_ORDERED || this == CASE_OPENED;
    }
}
