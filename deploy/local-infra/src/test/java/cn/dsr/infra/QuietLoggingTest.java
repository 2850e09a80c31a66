package cn.dsr.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class QuietLoggingTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTestLogging() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void brokerLoggersStayAtWarnWhenTheHostReconfiguresLoggingButExplicitLevelsWin() {
        QuietLogging.apply();
        assertThat(context.getLogger("kafka.server.BrokerServer").getEffectiveLevel()).isEqualTo(Level.WARN);

        // What Spring Boot does when an application context starts: reset, then apply its configuration.
        context.reset();
        assertThat(context.getLogger("org.apache.kafka.controller").getEffectiveLevel()).isEqualTo(Level.WARN);
        context.getLogger("org.apache.kafka").setLevel(Level.DEBUG);
        assertThat(context.getLogger("org.apache.kafka.controller").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    }
}
