package cn.dsr.roster.bulk;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.roster.entity.AsOf;
import cn.dsr.roster.entity.EntityDraft;
import cn.dsr.roster.entity.EntityService;
import cn.dsr.roster.entity.EntityState;
import cn.dsr.roster.inspector.InspectorDraft;
import cn.dsr.roster.inspector.InspectorService;
import cn.dsr.roster.inspector.InspectorState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Imports and exports of the two rosters. Every row is checked before anything is written; the
 * writes of one import share one transaction, so a failure midway leaves the roster as it was.
 * Each written row is an ordinary roster change: recorded, revisioned and published.
 */
@Service
public class BulkService {

    private enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final TenantTx tx;
    private final EntityService entities;
    private final InspectorService inspectors;
    private final int maxRows;

    public BulkService(TenantTx tx, EntityService entities, InspectorService inspectors,
                       @Value("${dsr.roster.import.max-rows:50000}") int maxRows) {
        this.tx = tx;
        this.entities = entities;
        this.inspectors = inspectors;
        this.maxRows = maxRows;
    }

    private record Accepted<T>(Sheet.Row row, String tenant, T draft, UUID id) {}

    public Mono<ImportReport> importEntities(CurrentUser user, byte[] file, FileFormat format, ImportMode mode, String reason) {
        EntityService.requireWriter(user);
        Sheet sheet = format.read(file, maxRows);
        Cells.Layout layout = Cells.Layout.of(EntityRows.IMPORTED, sheet.header());
        LocalDate today = EntityService.today();
        List<EntityRows.Parsed> parsed = sheet.rows().stream().map(r -> EntityRows.parse(r, layout, today)).toList();
        Set<String> districts = parsed.stream().filter(p -> p.errors().isEmpty()).map(p -> p.draft().district()).collect(Collectors.toSet());
        String why = reason(reason, format, sheet);
        return tx.inTenants(user.visibleTenants(), db -> entities.tenantsOf(db, districts).flatMap(tenantOf -> {
            List<RowError> errors = new ArrayList<>();
            List<Accepted<EntityDraft>> accepted = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (EntityRows.Parsed p : parsed) {
                if (!p.errors().isEmpty()) {
                    errors.addAll(p.errors());
                    continue;
                }
                String tenant = tenantOf.get(p.draft().district());
                Integer earlier = tenant == null ? null : seen.putIfAbsent(tenant + "/" + p.draft().uscc(), p.row().number());
                if (tenant == null) {
                    errors.add(error(p.row(), layout, "district", "unknown district " + p.draft().district() + ": not a city or district org unit this caller may act for"));
                } else if (earlier != null) {
                    errors.add(error(p.row(), layout, "uscc", "the same code is in row " + earlier));
                } else {
                    accepted.add(new Accepted<>(p.row(), tenant, p.draft(), null));
                }
            }
            if (refuse(mode, errors) || accepted.isEmpty()) return Mono.just(report(mode, sheet, errors, List.of()));
            Set<String> tenants = accepted.stream().map(Accepted::tenant).collect(Collectors.toSet());
            return entities.byUscc(db, tenants).flatMap(existing -> Flux.fromIterable(tenants)
                    .concatMap(t -> entities.rulesOf(db, t).map(rules -> Map.entry(t, rules)))
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .flatMap(rules -> {
                        List<EntityService.Pending> pending = new ArrayList<>();
                        List<Outcome> outcomes = new ArrayList<>();
                        for (Accepted<EntityDraft> a : accepted) {
                            EntityState before = existing.get(a.tenant() + "/" + a.draft().uscc());
                            if (before == null) {
                                pending.add(new EntityService.Pending(
                                        EntityState.of(UUID.randomUUID(), a.tenant(), a.draft(), rules.get(a.tenant()), null), "CREATED"));
                                outcomes.add(Outcome.CREATED);
                                continue;
                            }
                            EntityState after = EntityState.of(before.id(), a.tenant(), a.draft(), rules.get(a.tenant()), before.override());
                            if (after.equals(before.atRevision(null))) {
                                outcomes.add(Outcome.UNCHANGED);
                            } else {
                                pending.add(new EntityService.Pending(after, "UPDATED"));
                                outcomes.add(Outcome.UPDATED);
                            }
                        }
                        return entities.writeAll(db, user, pending, why).map(written -> report(mode, sheet, errors, outcomes));
                    }));
        }));
    }

    public Mono<ImportReport> importInspectors(CurrentUser user, byte[] file, FileFormat format, ImportMode mode, String reason) {
        EntityService.requireWriter(user);
        Sheet sheet = format.read(file, maxRows);
        Cells.Layout layout = Cells.Layout.of(InspectorRows.IMPORTED, sheet.header());
        List<InspectorRows.Parsed> parsed = sheet.rows().stream().map(r -> InspectorRows.parse(r, layout)).toList();
        Set<String> units = parsed.stream().filter(p -> p.errors().isEmpty())
                .flatMap(p -> Stream.of(p.draft().unit(), p.draft().department())).filter(Objects::nonNull).collect(Collectors.toSet());
        String why = reason(reason, format, sheet);
        return tx.inTenants(user.visibleTenants(), db -> inspectors.units(db, units).flatMap(tenantOf -> inspectors.all(db, null).collectList()
                .flatMap(roster -> {
                    Map<UUID, InspectorState> byId = roster.stream().collect(Collectors.toMap(InspectorState::id, Function.identity()));
                    Map<String, InspectorState> byCertificate = roster.stream().filter(i -> i.certificateNo() != null)
                            .collect(Collectors.toMap(i -> i.tenant() + "/" + i.certificateNo(), Function.identity(), (a, b) -> a));
                    Map<String, InspectorState> byAccount = roster.stream().filter(i -> i.account() != null)
                            .collect(Collectors.toMap(i -> i.tenant() + "/" + i.account(), Function.identity(), (a, b) -> a));
                    List<RowError> errors = new ArrayList<>();
                    List<Accepted<InspectorDraft>> accepted = new ArrayList<>();
                    Map<String, Integer> seen = new HashMap<>();
                    Map<String, Integer> seenAccounts = new HashMap<>();
                    for (InspectorRows.Parsed p : parsed) {
                        if (!p.errors().isEmpty()) {
                            errors.addAll(p.errors());
                            continue;
                        }
                        String tenant = tenantOf.get(p.draft().unit());
                        InspectorState holder = tenant == null || p.draft().certificateNo() == null ? null
                                : byCertificate.get(tenant + "/" + p.draft().certificateNo());
                        InspectorState target = p.id() != null ? byId.get(p.id()) : holder;
                        Integer earlier = target != null ? seen.putIfAbsent("id/" + target.id(), p.row().number())
                                : p.draft().certificateNo() == null ? null : seen.putIfAbsent(tenant + "/" + p.draft().certificateNo(), p.row().number());
                        String account = tenant == null || p.draft().account() == null ? null : tenant + "/" + p.draft().account();
                        InspectorState accountHolder = account == null ? null : byAccount.get(account);
                        Integer accountEarlier = account == null ? null : seenAccounts.putIfAbsent(account, p.row().number());
                        if (tenant == null) {
                            errors.add(error(p.row(), layout, "unit", "unknown bureau " + p.draft().unit() + " for this caller"));
                        } else if (p.draft().department() != null && !tenantOf.containsKey(p.draft().department())) {
                            errors.add(error(p.row(), layout, "department", "unknown department " + p.draft().department()));
                        } else if (p.id() != null && target == null) {
                            errors.add(error(p.row(), layout, "id", "no inspector " + p.id() + " on this caller's roster"));
                        } else if (target != null && !target.tenant().equals(tenant)) {
                            errors.add(error(p.row(), layout, "unit", "the inspector belongs to " + target.tenant() + ": mark them TRANSFERRED there"));
                        } else if (holder != null && target != null && !holder.id().equals(target.id())) {
                            errors.add(error(p.row(), layout, "certificateNo", "held by inspector " + holder.id()));
                        } else if (earlier != null) {
                            errors.add(error(p.row(), layout, target != null ? "id" : "certificateNo", "the same person is in row " + earlier));
                        } else if (accountHolder != null && (target == null || !accountHolder.id().equals(target.id()))) {
                            errors.add(error(p.row(), layout, "account", "held by inspector " + accountHolder.id()));
                        } else if (accountEarlier != null) {
                            errors.add(error(p.row(), layout, "account", "also given in row " + accountEarlier));
                        } else {
                            accepted.add(new Accepted<>(p.row(), tenant, p.draft(), target == null ? null : target.id()));
                        }
                    }
                    if (refuse(mode, errors) || accepted.isEmpty()) return Mono.just(report(mode, sheet, errors, List.of()));
                    return Flux.fromIterable(accepted).concatMap(a -> {
                        if (a.id() == null) {
                            return inspectors.write(db, user, InspectorState.of(UUID.randomUUID(), a.tenant(), a.draft()), "CREATED", why)
                                    .thenReturn(Outcome.CREATED);
                        }
                        InspectorState before = byId.get(a.id());
                        InspectorState after = InspectorState.of(a.id(), a.tenant(), a.draft());
                        return after.equals(before.atRevision(null)) ? Mono.just(Outcome.UNCHANGED)
                                : inspectors.write(db, user, after, "UPDATED", why).thenReturn(Outcome.UPDATED);
                    }).collectList().map(outcomes -> report(mode, sheet, errors, outcomes));
                })));
    }

    public Mono<byte[]> exportEntities(CurrentUser user, EntityService.Filter filter, AsOf asOf, FileFormat format) {
        return entities.list(user, filter, asOf).map(EntityRows::cells).collectList()
                .map(rows -> format.write("检查对象名录库", EntityRows.header(), rows));
    }

    public Mono<byte[]> exportInspectors(CurrentUser user, InspectorService.Filter filter, FileFormat format) {
        return inspectors.list(user, filter).map(InspectorRows::cells).collectList()
                .map(rows -> format.write("执法人员名录库", InspectorRows.header(), rows));
    }

    private static boolean refuse(ImportMode mode, List<RowError> errors) {
        return mode == ImportMode.REJECT_ALL && !errors.isEmpty();
    }

    private static String reason(String reason, FileFormat format, Sheet sheet) {
        return reason != null && !reason.isBlank() ? reason.strip()
                : "bulk import (" + format.extension() + ", " + sheet.rows().size() + " rows)";
    }

    private static RowError error(Sheet.Row row, Cells.Layout layout, String field, String message) {
        return new RowError(row.number(), layout.label(field), field, message);
    }

    private static ImportReport report(ImportMode mode, Sheet sheet, List<RowError> errors, List<Outcome> outcomes) {
        Map<Outcome, Long> counts = outcomes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<Integer> badRows = new HashSet<>();
        errors.forEach(e -> badRows.add(e.row()));
        List<RowError> sorted = errors.stream().sorted(Comparator.comparingInt(RowError::row)).toList();
        return new ImportReport(mode, sheet.rows().size(), counts.getOrDefault(Outcome.CREATED, 0L).intValue(),
                counts.getOrDefault(Outcome.UPDATED, 0L).intValue(), counts.getOrDefault(Outcome.UNCHANGED, 0L).intValue(),
                badRows.size(), outcomes.stream().anyMatch(o -> o != Outcome.UNCHANGED), sorted);
    }
}
