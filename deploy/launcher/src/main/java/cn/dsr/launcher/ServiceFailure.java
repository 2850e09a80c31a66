package cn.dsr.launcher;

/** A service process died or did not become healthy; the message carries the tail of its log. */
public final class ServiceFailure extends RuntimeException {

    private final String service;

    ServiceFailure(String service, String message) {
        super(message);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
