package cn.dsr.fault;

/** The faults the run injects, in the order it cycles through them. */
public enum Fault {
    KAFKA_KILL9("kill -9 of the Kafka broker's JVM, restarted on the same log"),
    INSPECTION_KILL9_MID_RELAY("kill -9 of inspection-service, its outbox relay included, while submitted events wait in its outbox"),
    DISCLOSURE_KILL9("kill -9 of disclosure-service (its inbox consumers, its feed relay)"),
    GATEWAY_KILL9("kill -9 of the gateway"),
    POSTGRES_IMMEDIATE_STOP("PostgreSQL stopped immediately (pg_ctl stop -m immediate: no checkpoint, sessions cut), restarted with crash recovery");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The n-th fault of a run (from 0): the kinds in turn. */
    public static Fault nth(int n) {
        return values()[n % values().length];
    }
}
