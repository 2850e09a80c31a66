package cn.dsr.roster.report;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.roster.bulk.Xlsx;
import cn.dsr.roster.entity.EntityService;
import cn.dsr.roster.entity.EntityState;
import cn.dsr.roster.entity.SupervisionCategory;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The quarterly roster change report of every district the caller sees (a district: its own; the city: all). */
@Service
public class ReportService {

    private final TenantTx tx;
    private final JsonMapper json;

    public ReportService(TenantTx tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    public Mono<QuarterlyChanges> quarterly(CurrentUser user, Quarter quarter) {
        return tx.inTenants(user.visibleTenants(), db -> statesBefore(db, quarter, quarter.start())
                .zipWith(statesBefore(db, quarter, quarter.end()))
                .map(states -> QuarterlyChanges.compare(quarter, states.getT1(), states.getT2())));
    }

    /** The last state before the moment of each entity that changed within the quarter. */
    private Mono<Map<UUID, EntityState>> statesBefore(DatabaseClient db, Quarter quarter, Instant moment) {
        return db.sql("""
                        SELECT DISTINCT ON (aggregate_id) aggregate_id, state FROM roster_change
                         WHERE aggregate = :aggregate AND changed_at < :moment
                           AND aggregate_id IN (SELECT aggregate_id FROM roster_change
                                                 WHERE aggregate = :aggregate AND changed_at >= :start AND changed_at < :end)
                         ORDER BY aggregate_id, revision DESC""")
                .bind("aggregate", EntityService.AGGREGATE)
                .bind("moment", moment.atOffset(ZoneOffset.UTC))
                .bind("start", quarter.start().atOffset(ZoneOffset.UTC))
                .bind("end", quarter.end().atOffset(ZoneOffset.UTC))
                .map(row -> json.readValue(row.get("state", Json.class).asArray(), EntityState.class))
                .all()
                .collectMap(EntityState::id);
    }

    /** The report as a workbook: a summary sheet with the counts per district and a sheet of every change. */
    public static byte[] xlsx(QuarterlyChanges report) {
        List<List<String>> summary = new ArrayList<>();
        List<List<String>> details = new ArrayList<>();
        for (QuarterlyChanges.District d : report.districts()) {
            summary.add(List.of(d.district(), n(d.added()), n(d.categoryChanged()), n(d.closed()), n(d.positiveListJoined()), n(d.positiveListLeft())));
            d.added().forEach(l -> details.add(List.of(d.district(), "新增企业", l.uscc(), l.name(), "", "")));
            d.categoryChanged().forEach(c -> details.add(List.of(d.district(), "抽查类型变更", c.uscc(), c.name(), label(c.from()), label(c.to()))));
            d.closed().forEach(l -> details.add(List.of(d.district(), "消亡企业", l.uscc(), l.name(), "", "")));
            d.positiveListJoined().forEach(l -> details.add(List.of(d.district(), "正面清单调入", l.uscc(), l.name(), "", "")));
            d.positiveListLeft().forEach(l -> details.add(List.of(d.district(), "正面清单调出", l.uscc(), l.name(), "", "")));
        }
        String period = report.year() + "年第" + report.quarter() + "季度";
        return Xlsx.write(List.of(
                new Xlsx.Tab(period + "汇总", List.of("区县", "新增企业", "抽查类型变更", "消亡企业", "正面清单调入", "正面清单调出"), summary),
                new Xlsx.Tab("名录库调整明细", List.of("区县", "调整类型", "统一社会信用代码", "名称", "原类别", "新类别"), details)));
    }

    private static String n(List<?> list) {
        return Integer.toString(list.size());
    }

    private static String label(SupervisionCategory category) {
        return switch (category) {
            case KEY -> "重点";
            case SPECIAL -> "特殊";
            case GENERAL -> "一般";
        };
    }
}
