package cn.dsr.inspection.task;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.inbox.Subscription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps which sign-in account each roster inspector has (roster.inspectors.v1), so that a signed-in
 * inspector is recognised on the teams the draw staffs with roster ids (TaskAccess.actingAs). An
 * older roster revision never overwrites a newer one, so replays change nothing.
 */
@Configuration(proxyBeanMethods = false)
public class RosterAccounts {

    static final String CONSUMER = "roster-accounts";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InspectorState(String id, String tenant, String account, long rosterRevision) {}

    @Bean
    Subscription rosterAccountsSubscription(JsonMapper json) {
        return new Subscription(CONSUMER, List.of(InspectionEvents.ROSTER_INSPECTORS), (event, db) -> apply(json, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Event event, DatabaseClient db) {
        if (!InspectionEvents.INSPECTOR_STATE.equals(event.type())) return Mono.empty();
        InspectorState i = json.readValue(event.data(), InspectorState.class);
        var upsert = db.sql("""
                        INSERT INTO roster_account (inspector_id, tenant, account, roster_revision)
                        VALUES (:id, :tenant, :account, :revision)
                        ON CONFLICT (inspector_id) DO UPDATE SET tenant = EXCLUDED.tenant, account = EXCLUDED.account,
                            roster_revision = EXCLUDED.roster_revision, updated_at = now()
                        WHERE roster_account.roster_revision <= EXCLUDED.roster_revision""")
                .bind("id", i.id()).bind("tenant", i.tenant()).bind("revision", i.rosterRevision());
        upsert = i.account() == null ? upsert.bindNull("account", String.class) : upsert.bind("account", i.account());
        return upsert.fetch().rowsUpdated().then();
    }
}
