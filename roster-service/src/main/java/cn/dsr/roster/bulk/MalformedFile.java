package cn.dsr.roster.bulk;

/** The file cannot be read as a table at all (as opposed to rows with wrong values). */
public class MalformedFile extends RuntimeException {
    public MalformedFile(String message) {
        super(message, null, false, false);
    }
}
