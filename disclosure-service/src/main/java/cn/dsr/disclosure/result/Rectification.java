package cn.dsr.disclosure.result;

/** The state of a rectification ordered on a visit (责令整改), as the public reads it. */
public enum Rectification {
    OPEN("整改中"),
    IN_PROGRESS("整改中"),
    COMPLETED("已完成整改"),
    CANCELLED("经更正无需整改");

    private final String wording;

    Rectification(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }
}
