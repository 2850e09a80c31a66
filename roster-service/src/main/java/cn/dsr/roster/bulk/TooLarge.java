package cn.dsr.roster.bulk;

/** The file exceeds what one import may carry. */
public class TooLarge extends RuntimeException {
    public TooLarge(String message) {
        super(message, null, false, false);
    }
}
