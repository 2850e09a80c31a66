package cn.dsr.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a test's report to target/security-report/ and prints it, so a run leaves its figures behind. */
final class Report {

    private Report() {}

    static void write(String name, String text) {
        try {
            Path dir = Path.of("target", "security-report");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println(text);
    }
}
