package cn.dsr.platform.inbox;

import cn.dsr.platform.events.Event;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Applies one event to a service's own tables. It runs inside the transaction that also records
 * the event id in the inbox, with {@code app.tenant} set to the event's tenant, so its writes
 * happen exactly once however often the event is delivered.
 */
@FunctionalInterface
public interface EventHandler {
    Mono<Void> handle(Event event, DatabaseClient db);
}
