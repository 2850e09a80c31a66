package cn.dsr.draw.plan;

import cn.dsr.draw.core.eligibility.SupervisionCategory;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The tenant setting a plan's ratios are checked against: the lowest ratio per supervision category. */
final class MinimumRatios {

    private MinimumRatios() {}

    static Mono<Map<SupervisionCategory, Integer>> of(DatabaseClient db, String tenant) {
        return db.sql("SELECT category, min_ratio_bp FROM tenant_minimum_ratio WHERE tenant = :tenant")
                .bind("tenant", tenant)
                .map(row -> Map.entry(SupervisionCategory.valueOf(row.get("category", String.class)),
                        row.get("min_ratio_bp", Integer.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, () -> new EnumMap<>(SupervisionCategory.class));
    }

    static Mono<Void> set(DatabaseClient db, String tenant, Map<SupervisionCategory, Integer> minimums, String by) {
        return Flux.fromIterable(minimums.entrySet())
                .concatMap(e -> db.sql("""
                                INSERT INTO tenant_minimum_ratio (tenant, category, min_ratio_bp, set_by)
                                VALUES (:tenant, :category, :bp, :by)
                                ON CONFLICT (tenant, category) DO UPDATE SET min_ratio_bp = EXCLUDED.min_ratio_bp,
                                    set_by = EXCLUDED.set_by, set_at = now()""")
                        .bind("tenant", tenant).bind("category", e.getKey().name()).bind("bp", e.getValue()).bind("by", by)
                        .then())
                .then();
    }
}
