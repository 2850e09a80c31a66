package cn.dsr.infra;

import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns the embedded servers' INFO chatter down to WARN when the host logs through logback (tests,
 * the launcher). Other SLF4J backends are left alone.
 */
final class QuietLogging {

    static final List<String> NOISY_LOGGERS = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "io.zonky.test.db.postgres");

    private QuietLogging() {
    }

    static void apply() {
        // Compared by name: the logback classes must not be touched when logback is absent.
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            LogbackQuieter.install();
        }
    }
}
