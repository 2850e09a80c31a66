package cn.dsr.draw.core.verify;

import cn.dsr.draw.core.example.WorkedExample;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyDrawCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(byte[] stdin, String... args) {
        return VerifyDrawCli.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_good_record_prints_ok_and_exits_0() {
        assertThat(run(new byte[0], WorkedExample.RECORD.toString())).isZero();
        assertThat(stdout()).isEqualTo("OK" + System.lineSeparator());
    }

    @Test
    void verbose_lists_every_check_before_ok() {
        assertThat(run(new byte[0], "--verbose", WorkedExample.RECORD.toString())).isZero();
        assertThat(stdout()).contains("inputDigest   PASS", "commitments   PASS", "assignments   n/a", "resultDigest  PASS")
                .endsWith("OK" + System.lineSeparator());
    }

    @Test
    void reads_standard_input_without_a_file() throws IOException {
        assertThat(run(Files.readAllBytes(WorkedExample.RECORD))).isZero();
        assertThat(run(Files.readAllBytes(WorkedExample.RECORD), "-")).isZero();
    }

    @Test
    void a_tampered_record_prints_the_first_mismatch_by_name_and_exits_1() throws IOException {
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, Jcs.canonical(Tamper.set(WorkedExample.record().toJson(), "output.selected[0].entity",
                new JsonString("91411622MA4TGH370P"))));
        assertThat(run(new byte[0], tampered.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("FAIL selection: output.selected[0] differs")
                .contains("  expected: {\"entity\":\"91411622MA4FXT8E2T\"", "  found:    {\"entity\":\"91411622MA4TGH370P\"");
    }

    @Test
    void unreadable_or_malformed_input_exits_2_with_the_reason() throws IOException {
        assertThat(run(new byte[0], dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR: cannot read");
        err.reset();
        assertThat(run("{\"input\":".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR: malformed draw record: not a JSON document");
        err.reset();
        assertThat(run(new byte[] {'"', (byte) 0xc3, '"'})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not UTF-8");
        assertThat(run(new byte[0], "--frobnicate")).isEqualTo(2);
        assertThat(run(new byte[0], "a.json", "b.json")).isEqualTo(2);
        assertThat(stdout()).isEmpty();
    }
}
