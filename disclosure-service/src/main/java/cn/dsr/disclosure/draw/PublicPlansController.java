package cn.dsr.disclosure.draw;

import cn.dsr.disclosure.Inputs;
import cn.dsr.platform.web.ProblemException;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans and draw commitments, public from scheduling (四个公开: 抽查计划、检查事项). A draw's record
 * and its verification are served by draw-service under {@code /public/draw}: linked, not copied,
 * so there is one record and one verifier.
 */
@RestController
@RequestMapping("/public/disclosure")
public class PublicPlansController {

    private final DatabaseClient db;
    private final JsonMapper json;

    public PublicPlansController(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public record Links(String draw, String record, String verify) {}

    public record PublicDraw(String drawId, String tenant, String level, String period, JsonNode planIds, String inputDigest,
                             String rosterRevisions, JsonNode sources, String replaces, OffsetDateTime scheduledAt,
                             OffsetDateTime executedAt, String resultDigest, OffsetDateTime cancelledAt, String cancelReason, Links links) {}

    @GetMapping("/plans")
    public Flux<JsonNode> plans(@RequestParam String tenant, @RequestParam(required = false) String period) {
        Inputs.division("tenant", tenant, true);
        Inputs.period("period", period, false);
        var spec = db.sql("SELECT document::text AS d FROM public_plan WHERE tenant = :tenant"
                + (period == null ? "" : " AND period = :period") + " ORDER BY period DESC, plan_id").bind("tenant", tenant);
        if (period != null) spec = spec.bind("period", period);
        return spec.map(r -> json.readTree(r.get("d", String.class))).all();
    }

    @GetMapping("/draws")
    public Flux<PublicDraw> draws(@RequestParam String tenant, @RequestParam(required = false) String period) {
        Inputs.division("tenant", tenant, true);
        Inputs.period("period", period, false);
        var spec = db.sql(SELECT_DRAW + " WHERE tenant = :tenant" + (period == null ? "" : " AND period = :period")
                + " ORDER BY scheduled_at DESC, draw_id").bind("tenant", tenant);
        if (period != null) spec = spec.bind("period", period);
        return spec.map(this::draw).all();
    }

    @GetMapping("/draws/{drawId}")
    public Mono<PublicDraw> draw(@PathVariable String drawId) {
        return db.sql(SELECT_DRAW + " WHERE draw_id = :id").bind("id", drawId).map(this::draw).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no scheduled draw " + drawId)));
    }

    private static final String SELECT_DRAW = """
            SELECT draw_id, tenant, level, period, plan_ids::text AS plan_ids, input_digest, roster_revisions, sources::text AS sources,
                   replaces, scheduled_at, executed_at, result_digest, cancelled_at, cancel_reason FROM public_draw""";

    private PublicDraw draw(io.r2dbc.spi.Readable r) {
        String id = r.get("draw_id", String.class);
        return new PublicDraw(id, r.get("tenant", String.class), r.get("level", String.class), r.get("period", String.class),
                json.readTree(r.get("plan_ids", String.class)), r.get("input_digest", String.class), r.get("roster_revisions", String.class),
                json.readTree(r.get("sources", String.class)), r.get("replaces", String.class),
                r.get("scheduled_at", OffsetDateTime.class), r.get("executed_at", OffsetDateTime.class), r.get("result_digest", String.class),
                r.get("cancelled_at", OffsetDateTime.class), r.get("cancel_reason", String.class),
                new Links("/public/draw/draws/" + id, "/public/draw/draws/" + id + "/record", "/public/draw/verify"));
    }

}
