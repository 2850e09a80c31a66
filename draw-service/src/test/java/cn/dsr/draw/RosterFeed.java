package cn.dsr.draw;

import cn.dsr.platform.events.Event;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** State events as roster-service and inspection-service publish them, for the tests to send. */
public final class RosterFeed {

    public static final String ENTITIES = "roster.entities.v1";
    public static final String ITEMS = "roster.items.v1";
    public static final String IN_POST_COUNTS = "roster.in-post-counts.v1";
    public static final String INSPECTORS = "roster.inspectors.v1";
    public static final String CONFLICTS = "roster.conflicts.v1";
    public static final String RECORDS = "inspection.records.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RosterFeed() {}

    public static UUID idOf(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** An entity of the roster; change what a test needs, then {@link #event()}. */
    public static EntityBuilder entity(String tenant, String uscc) {
        return new EntityBuilder(tenant, uscc);
    }

    public static final class EntityBuilder {
        private final String tenant;
        private final String uscc;
        private String category = "GENERAL";
        private String creditRisk;
        private boolean offSite;
        private boolean positiveList;
        private String industry;
        private final List<String> supervisionTypes = new ArrayList<>();
        private String status = "ACTIVE";
        private LocalDate registered = LocalDate.of(2015, 6, 1);
        private long revision = 1;

        private EntityBuilder(String tenant, String uscc) {
            this.tenant = tenant;
            this.uscc = uscc;
        }

        public EntityBuilder category(String category) { this.category = category; return this; }
        public EntityBuilder risk(String creditRisk) { this.creditRisk = creditRisk; return this; }
        public EntityBuilder offSite() { this.offSite = true; return this; }
        public EntityBuilder positiveList() { this.positiveList = true; return this; }
        public EntityBuilder industry(String industry) { this.industry = industry; return this; }
        public EntityBuilder supervises(String type) { this.supervisionTypes.add(type); return this; }
        public EntityBuilder status(String status) { this.status = status; return this; }
        public EntityBuilder registered(LocalDate date) { this.registered = date; return this; }
        public EntityBuilder revision(long revision) { this.revision = revision; return this; }

        public Event event() {
            Map<String, Object> tags = new LinkedHashMap<>();
            tags.put("permitClass", null);
            tags.put("supervisionTypes", supervisionTypes);
            tags.put("pollutantKinds", List.of());
            tags.put("creditRisk", creditRisk);
            tags.put("positiveList", positiveList);
            tags.put("flags", List.of());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", idOf(uscc).toString());
            e.put("tenant", tenant);
            e.put("uscc", uscc);
            e.put("name", "企业" + uscc.substring(12));
            e.put("address", "某路" + uscc.substring(14) + "号");
            e.put("district", tenant);
            e.put("industry", industry);
            e.put("status", status);
            e.put("registrationDate", registered.toString());
            e.put("tags", tags);
            e.put("category", category);
            e.put("offSite", offSite);
            e.put("categorySource", "RULE");
            e.put("categoryRule", "test");
            e.put("categoryExplanation", "set by the test");
            e.put("override", null);
            e.put("rosterRevision", revision);
            return DrawServiceTest.event("cn.gov.mee.dsr.roster.entity.state.v1", e.get("id").toString(), tenant, JSON.writeValueAsString(e));
        }
    }

    /** A published item of the tenant's list for a year. */
    public static Event item(String tenant, String name, int year, long revision, String... expertise) {
        Map<String, Object> i = new LinkedHashMap<>();
        String id = idOf(tenant + "/" + name + "/" + year).toString();
        i.put("id", id);
        i.put("listId", idOf(tenant + "/list/" + year).toString());
        i.put("tenant", tenant);
        i.put("year", year);
        i.put("listVersion", 1);
        i.put("status", "PUBLISHED");
        i.put("seq", 1);
        i.put("category", "污染源日常环境监督管理");
        i.put("name", name);
        i.put("targetType", "排污单位");
        i.put("itemClass", "GENERAL");
        i.put("methods", List.of("ON_SITE", "WRITTEN"));
        i.put("responsibleBody", "生态环境局");
        i.put("legalBasis", List.of(Map.of("law", "中华人民共和国环境保护法", "article", "第二十四条")));
        i.put("requiredExpertise", List.of(expertise));
        i.put("rosterRevision", revision);
        return DrawServiceTest.event("cn.gov.mee.dsr.roster.item.state.v1", id, tenant, JSON.writeValueAsString(i));
    }

    public static String itemId(String tenant, String name, int year) {
        return idOf(tenant + "/" + name + "/" + year).toString();
    }

    public static Event inPostCount(String tenant, int year, int count, long revision) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tenant", tenant);
        c.put("year", year);
        c.put("count", count);
        c.put("reason", "一月核定");
        c.put("setBy", "hr");
        c.put("setAt", "2026-01-05T09:00:00+08:00");
        c.put("rosterRevision", revision);
        return DrawServiceTest.event("cn.gov.mee.dsr.roster.in-post-count.state.v1", tenant + ":" + year, tenant, JSON.writeValueAsString(c));
    }

    public static Event inspector(String tenant, String name, long revision, String... expertise) {
        Map<String, Object> i = new LinkedHashMap<>();
        String id = idOf(tenant + "/inspector/" + name).toString();
        i.put("id", id);
        i.put("tenant", tenant);
        i.put("name", name);
        i.put("unit", tenant);
        i.put("department", null);
        i.put("kind", "OFFICER");
        i.put("certificateNo", "ZF-" + Math.abs(name.hashCode()));
        i.put("certificateValidFrom", "2024-01-01");
        i.put("certificateValidUntil", "2029-12-31");
        i.put("expertise", List.of(expertise));
        i.put("status", "IN_POST");
        i.put("homeDistrict", tenant);
        i.put("rosterRevision", revision);
        return DrawServiceTest.event("cn.gov.mee.dsr.roster.inspector.state.v1", id, tenant, JSON.writeValueAsString(i));
    }

    public static Event conflict(String tenant, String inspector, String uscc, String status, long revision) {
        Map<String, Object> c = new LinkedHashMap<>();
        String id = idOf(tenant + "/conflict/" + inspector + "/" + uscc).toString();
        c.put("id", id);
        c.put("tenant", tenant);
        c.put("inspectorId", idOf(tenant + "/inspector/" + inspector).toString());
        c.put("entityId", idOf(uscc).toString());
        c.put("relation", "RELATIVE");
        c.put("validFrom", "2024-01-01");
        c.put("validUntil", null);
        c.put("status", status);
        c.put("declaredBy", inspector);
        c.put("declaredAt", "2024-01-01T09:00:00+08:00");
        c.put("rosterRevision", revision);
        return DrawServiceTest.event("cn.gov.mee.dsr.roster.conflict.state.v1", id, tenant, JSON.writeValueAsString(c));
    }

    /**
     * An inspection record of a task: version 1 is submitted, a later version is an approved
     * amendment of it.
     */
    public static Event inspection(String inspectingTenant, String task, String uscc, String entityDistrict, LocalDate date,
                                   String conclusion, int version, String... inspectors) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("recordId", idOf("record/" + task).toString());
        r.put("taskId", task);
        r.put("drawId", null);
        r.put("tenant", inspectingTenant);
        r.put("entity", Map.of("uscc", uscc, "name", "企业", "district", entityDistrict));
        r.put("random", true);
        r.put("inspectionDate", date.toString());
        r.put("submittedAt", date + "T17:00:00+08:00");
        r.put("dueDate", date.plusDays(10).toString());
        r.put("conclusion", conclusion);
        r.put("findings", List.of(Map.of("itemId", "x", "finding", "NO_PROBLEM".equals(conclusion) ? "COMPLIANT" : "PROBLEM_FOUND")));
        r.put("inspectors", List.of(inspectors));
        r.put("version", version);
        String type = "cn.gov.mee.dsr.inspection.submitted.v1";
        if (version > 1) {
            type = "cn.gov.mee.dsr.inspection.amended.v1";
            r.put("supersedes", version - 1);
            r.put("amendment", Map.of("reason", "笔误更正", "requestedBy", "op", "approvedBy", "head", "approvedAt", date + "T18:00:00+08:00"));
        }
        return DrawServiceTest.event(type, task, inspectingTenant, JSON.writeValueAsString(r));
    }
}
