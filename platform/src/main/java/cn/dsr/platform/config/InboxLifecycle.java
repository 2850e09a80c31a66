package cn.dsr.platform.config;

import cn.dsr.platform.inbox.InboxConsumer;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/** Starts the inbox consumers once the context is ready and stops them before the pools close. */
class InboxLifecycle implements SmartLifecycle {

    private final List<InboxConsumer> consumers;
    private volatile boolean running;

    InboxLifecycle(List<InboxConsumer> consumers) {
        this.consumers = consumers;
    }

    @Override
    public void start() {
        consumers.forEach(InboxConsumer::start);
        running = true;
    }

    @Override
    public void stop() {
        consumers.forEach(InboxConsumer::requestStop);
        consumers.forEach(InboxConsumer::awaitStopped);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop consuming before the database pool and the web server go away
        return Integer.MAX_VALUE - 100;
    }
}
