package cn.dsr.roster.item;

import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.RosterEvents;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.roster.org.OrgUnitRules;
import cn.dsr.roster.revision.RosterChanges;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The item list: drafts are edited freely, publishing freezes a version for good (the database
 * refuses changes to its items too) and supersedes the version before it. Publication is the
 * roster change that counts: it is recorded, and every item of both versions is published with
 * its status.
 */
@Service
public class ItemListService {

    static final String AGGREGATE = "item-list";
    static final List<String> EDITORS = List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR);
    static final List<String> PUBLISHERS = List.of(Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR);

    private final TenantTx tx;
    private final Outbox outbox;
    private final RosterChanges changes;
    private final JsonMapper json;

    public ItemListService(TenantTx tx, Outbox outbox, RosterChanges changes, JsonMapper json) {
        this.tx = tx;
        this.outbox = outbox;
        this.changes = changes;
        this.json = json;
    }

    /**
     * A new draft version for the year, starting from the latest published version of that year,
     * or of {@code copyFromYear} when the new year's list starts from last year's.
     */
    public Mono<ItemList> createDraft(CurrentUser user, Integer year, Integer copyFromYear) {
        require(user, EDITORS);
        if (year == null || year < 2000 || year > 2100) throw Refused.invalid("year", "a year between 2000 and 2100");
        String tenant = user.tenant();
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT 1 FROM org_unit WHERE code = :tenant AND kind IN ('CITY', 'DISTRICT')")
                .bind("tenant", tenant == null ? "" : tenant).fetch().first().hasElement()
                .flatMap(known -> known ? Mono.<Void>empty()
                        : Mono.error(Refused.invalid("tenant", "unknown tenant " + tenant + ": no bureau org unit with that code")))
                .then(db.sql("SELECT 1 FROM item_list WHERE tenant = :tenant AND year = :year AND status = 'DRAFT'")
                        .bind("tenant", tenant).bind("year", year).fetch().first().hasElement())
                .flatMap(draft -> draft ? Mono.error(ProblemException.conflict("a draft of the " + year + " item list exists already"))
                        : current(db, tenant, copyFromYear != null ? copyFromYear : year).map(List::of).defaultIfEmpty(List.of()))
                .flatMap(base -> db.sql("SELECT coalesce(max(version), 0) + 1 AS next FROM item_list WHERE tenant = :tenant AND year = :year")
                        .bind("tenant", tenant).bind("year", year).map(row -> row.get("next", Integer.class)).one()
                        .flatMap(version -> {
                            UUID id = UUID.randomUUID();
                            var insert = db.sql("""
                                            INSERT INTO item_list (id, tenant, year, version, status, based_on, created_by)
                                            VALUES (:id, :tenant, :year, :version, 'DRAFT', :basedOn, :by)""")
                                    .bind("id", id).bind("tenant", tenant).bind("year", year).bind("version", version).bind("by", user.username());
                            insert = base.isEmpty() ? insert.bindNull("basedOn", UUID.class) : insert.bind("basedOn", base.get(0).id());
                            List<CheckItem> copies = base.isEmpty() ? List.of() : base.get(0).items().stream().map(CheckItem::copy).toList();
                            return insert.then()
                                    .thenMany(Flux.fromIterable(copies).concatMap(item -> insertItem(db, id, tenant, item)))
                                    .then(load(db, id));
                        })));
    }

    public Mono<CheckItem> addItem(CurrentUser user, UUID listId, ItemDraft draft) {
        require(user, EDITORS);
        Refused.unless(draft.problems());
        return tx.inTenants(user.visibleTenants(), db -> draft(db, listId).flatMap(list -> {
            int seq = draft.seq() != null ? draft.seq() : list.nextSeq();
            if (list.items().stream().anyMatch(i -> i.seq() == seq)) {
                return Mono.error(ProblemException.conflict("item " + seq + " exists already in this version"));
            }
            CheckItem item = CheckItem.of(UUID.randomUUID(), seq, draft);
            return insertItem(db, listId, list.tenant(), item).thenReturn(item);
        }));
    }

    public Mono<CheckItem> updateItem(CurrentUser user, UUID listId, UUID itemId, ItemDraft draft) {
        require(user, EDITORS);
        Refused.unless(draft.problems());
        return tx.inTenants(user.visibleTenants(), db -> draft(db, listId).flatMap(list -> {
            CheckItem old = list.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElse(null);
            if (old == null) return Mono.error(ProblemException.notFound("no item " + itemId + " in list " + listId));
            int seq = draft.seq() != null ? draft.seq() : old.seq();
            if (list.items().stream().anyMatch(i -> i.seq() == seq && !i.id().equals(itemId))) {
                return Mono.error(ProblemException.conflict("item " + seq + " exists already in this version"));
            }
            CheckItem item = CheckItem.of(itemId, seq, draft);
            return db.sql("UPDATE check_item SET seq = :seq, state = :state WHERE id = :id")
                    .bind("seq", seq).bind("state", Json.of(json.writeValueAsBytes(item))).bind("id", itemId)
                    .then().thenReturn(item);
        }));
    }

    public Mono<Void> deleteItem(CurrentUser user, UUID listId, UUID itemId) {
        require(user, EDITORS);
        return tx.inTenants(user.visibleTenants(), db -> draft(db, listId).flatMap(list -> db.sql("DELETE FROM check_item WHERE id = :id AND list_id = :list")
                .bind("id", itemId).bind("list", listId).fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(ProblemException.notFound("no item " + itemId + " in list " + listId)) : Mono.<Void>empty())));
    }

    /** Freezes the draft, supersedes the version published before it, records and publishes both. */
    public Mono<ItemList> publish(CurrentUser user, UUID listId, String reason) {
        require(user, PUBLISHERS);
        return tx.inTenants(user.visibleTenants(), db -> draft(db, listId).flatMap(list -> {
            if (list.items().isEmpty()) return Mono.error(ProblemException.conflict("an empty item list cannot be published"));
            return current(db, list.tenant(), list.year()).map(List::of).defaultIfEmpty(List.of()).flatMap(previous -> changes
                    .record(db, new RosterChanges.Change(list.tenant(), AGGREGATE, listId.toString(), "PUBLISHED", user.username(), reason,
                            list.publishedBy(user.username(), Instant.now())))
                    .flatMap(revision -> db.sql("""
                                    UPDATE item_list SET status = 'PUBLISHED', published_by = :by, published_at = now(), revision = :revision
                                     WHERE id = :id""")
                            .bind("by", user.username()).bind("revision", revision).bind("id", listId).then()
                            .then(Flux.fromIterable(previous).concatMap(old -> db.sql("UPDATE item_list SET status = 'SUPERSEDED' WHERE id = :id")
                                    .bind("id", old.id()).then()
                                    .thenMany(Flux.fromIterable(old.items()).concatMap(item -> publishState(old, ListStatus.SUPERSEDED, item, revision))))
                                    .then())
                            .thenMany(Flux.fromIterable(list.items()).concatMap(item -> publishState(list, ListStatus.PUBLISHED, item, revision)))
                            .then(load(db, listId))));
        }));
    }

    public Flux<ItemList> list(CurrentUser user, Integer year) {
        return tx.manyInTenants(user.visibleTenants(), db -> {
            var select = db.sql("SELECT id FROM item_list" + (year == null ? "" : " WHERE year = :year") + " ORDER BY tenant, year, version");
            if (year != null) select = select.bind("year", year);
            return select.map(row -> row.get("id", UUID.class)).all().concatMap(id -> load(db, id));
        });
    }

    public Mono<ItemList> get(CurrentUser user, UUID listId) {
        return tx.inTenants(user.visibleTenants(), db -> load(db, listId));
    }

    /** What the public reads: the version in force, or a named published version. Never a draft. */
    public Mono<ItemList> published(String tenant, int year, Integer version) {
        if (!OrgUnitRules.isDivisionCode(tenant)) throw Refused.invalid("tenant", "a GB/T 2260 division code (6 digits)");
        return tx.inTenant(tenant, db -> (version == null ? current(db, tenant, year)
                : db.sql("SELECT id FROM item_list WHERE tenant = :tenant AND year = :year AND version = :version AND status <> 'DRAFT'")
                        .bind("tenant", tenant).bind("year", year).bind("version", version)
                        .map(row -> row.get("id", UUID.class)).one().flatMap(id -> load(db, id))))
                .map(ItemList::forPublic)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no published item list of " + tenant + " for " + year
                        + (version == null ? "" : " version " + version))));
    }

    private static void require(CurrentUser user, List<String> roles) {
        if (!user.hasAnyRole(roles)) throw ProblemException.forbidden("requires one of the roles " + String.join(", ", roles));
    }

    private Mono<ItemList> current(DatabaseClient db, String tenant, int year) {
        return db.sql("SELECT id FROM item_list WHERE tenant = :tenant AND year = :year AND status = 'PUBLISHED'")
                .bind("tenant", tenant).bind("year", year)
                .map(row -> row.get("id", UUID.class)).one()
                .flatMap(id -> load(db, id));
    }

    private Mono<ItemList> draft(DatabaseClient db, UUID listId) {
        return load(db, listId).flatMap(list -> list.isDraft() ? Mono.just(list)
                : Mono.error(ProblemException.conflict("version " + list.version() + " of the " + list.year()
                        + " item list is " + list.status() + " and cannot change: create a new version")));
    }

    private Mono<ItemList> load(DatabaseClient db, UUID listId) {
        return db.sql("SELECT state FROM check_item WHERE list_id = :id ORDER BY seq").bind("id", listId)
                .map(row -> json.readValue(row.get("state", Json.class).asArray(), CheckItem.class)).all().collectList()
                .flatMap(items -> db.sql("SELECT * FROM item_list WHERE id = :id").bind("id", listId)
                        .map(row -> read(row, items)).one())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no item list " + listId)));
    }

    private static ItemList read(Readable row, List<CheckItem> items) {
        OffsetDateTime published = row.get("published_at", OffsetDateTime.class);
        return new ItemList(row.get("id", UUID.class), row.get("tenant", String.class), row.get("year", Integer.class),
                row.get("version", Integer.class), ListStatus.valueOf(row.get("status", String.class)), row.get("based_on", UUID.class),
                row.get("created_by", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("published_by", String.class), published == null ? null : published.toInstant(),
                row.get("revision", Long.class), items);
    }

    private Mono<Void> insertItem(DatabaseClient db, UUID listId, String tenant, CheckItem item) {
        return db.sql("INSERT INTO check_item (id, list_id, tenant, seq, state) VALUES (:id, :list, :tenant, :seq, :state)")
                .bind("id", item.id()).bind("list", listId).bind("tenant", tenant).bind("seq", item.seq())
                .bind("state", Json.of(json.writeValueAsBytes(item))).then();
    }

    private Mono<Void> publishState(ItemList list, ListStatus status, CheckItem item, long revision) {
        return outbox.publish(RosterEvents.ITEM_STATE, item.id().toString(), list.tenant(), ItemState.of(list, status, item, revision)).then();
    }
}
