package cn.dsr.draw.core.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify-draw [--verbose] [RECORD.json | -]}: prints {@code OK} and exits 0 when the
 * record recomputes; prints {@code FAIL <check>} with expected and found values and exits 1 on
 * the first mismatch; exits 2 when the record cannot be read.
 */
public final class VerifyDrawCli {

    static final int OK = 0;
    static final int MISMATCH = 1;
    static final int UNREADABLE = 2;

    private VerifyDrawCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command with the given streams and returns its exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        boolean verbose = false;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-v") || arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                return usage(err, "unknown option " + arg);
            } else {
                files.add(arg);
            }
        }
        if (files.size() > 1) {
            return usage(err, "one record at a time");
        }
        String source = files.isEmpty() ? "-" : files.get(0);
        String text;
        try {
            byte[] bytes = source.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(source));
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.println("ERROR: " + source + " is not UTF-8 text");
            return UNREADABLE;
        } catch (IOException | RuntimeException e) {
            err.println("ERROR: cannot read " + source + ": " + e);
            return UNREADABLE;
        }
        VerificationReport report;
        try {
            report = Verifier.verify(text);
        } catch (MalformedRecordException e) {
            err.println("ERROR: malformed draw record: " + e.getMessage());
            return UNREADABLE;
        }
        if (verbose) {
            for (Check c : report.checks()) {
                out.printf("%-13s %-4s %s%n", c.name(), c.outcome() == Check.Outcome.NOT_APPLICABLE ? "n/a" : c.outcome(),
                        c.detail());
            }
        }
        if (report.ok()) {
            out.println("OK");
            return OK;
        }
        Check first = report.firstMismatch().orElseThrow();
        out.println("FAIL " + first.name() + ": " + first.detail());
        out.println("  expected: " + first.expected());
        out.println("  found:    " + first.found());
        return MISMATCH;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ERROR: " + problem);
        err.println("usage: verify-draw [--verbose] [RECORD.json | -]   (reads standard input without a file)");
        return UNREADABLE;
    }
}
