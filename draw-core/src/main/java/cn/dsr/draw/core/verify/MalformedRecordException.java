package cn.dsr.draw.core.verify;

/** The document cannot be read as a dsr-draw/1 record, so there is nothing to recompute. */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
