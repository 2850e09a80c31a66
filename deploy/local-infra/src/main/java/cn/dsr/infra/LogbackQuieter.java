package cn.dsr.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import org.slf4j.LoggerFactory;

/**
 * Sets the noisy loggers to WARN and does so again after every reset of the logback context: Spring
 * Boot resets it when an application context starts, after the test infrastructure is already up.
 * Levels set explicitly afterwards (e.g. {@code logging.level.org.apache.kafka=DEBUG}) still win.
 */
final class LogbackQuieter implements LoggerContextListener {

    private LogbackQuieter() {
    }

    static synchronized void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (context.getCopyOfListenerList().stream().noneMatch(LogbackQuieter.class::isInstance)) {
            context.addListener(new LogbackQuieter());
            quiet(context);
        }
    }

    private static void quiet(LoggerContext context) {
        for (String name : QuietLogging.NOISY_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        quiet(context);
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onStop(LoggerContext context) {
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }
}
