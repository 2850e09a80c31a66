package cn.dsr.roster.bulk;

import cn.dsr.roster.entity.CreditRating;
import cn.dsr.roster.entity.CreditRisk;
import cn.dsr.roster.entity.EntityDraft;
import cn.dsr.roster.entity.EntityState;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.roster.entity.EntityTags;
import cn.dsr.roster.entity.Flag;
import cn.dsr.roster.entity.PerformanceGrade;
import cn.dsr.roster.entity.PermitClass;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The entity roster as a table: the columns an office keeps, read into drafts and written from states. */
final class EntityRows {

    static final List<Column> IMPORTED = List.of(
            new Column("uscc", "统一社会信用代码", true),
            new Column("name", "名称", true),
            new Column("address", "地址", true),
            new Column("district", "所在区县代码", true),
            new Column("legalRepresentative", "法定代表人", false),
            new Column("industry", "行业代码", false),
            new Column("status", "登记状态", true),
            new Column("registrationDate", "成立日期", false),
            new Column("tags.permitClass", "排污许可管理类别", false),
            new Column("tags.supervisionTypes", "监管类型", false),
            new Column("tags.pollutantKinds", "排放污染物类型", false),
            new Column("tags.performanceGrade", "重污染天气绩效分级", false),
            new Column("tags.creditRating", "环境信用评价", false),
            new Column("tags.creditRisk", "信用风险分类", false),
            new Column("tags.positiveList", "正面清单", false),
            new Column("tags.flags", "要素标签", false));

    /** Derived columns an export adds; an import of an export ignores them. */
    static final List<Column> DERIVED = List.of(
            new Column("category", "监管类别", false),
            new Column("offSite", "非现场监管", false),
            new Column("categoryExplanation", "分类依据", false),
            new Column("id", "名录编号", false),
            new Column("rosterRevision", "名录版本", false));

    record Parsed(Sheet.Row row, EntityDraft draft, List<RowError> errors) {}

    private EntityRows() {}

    static Parsed parse(Sheet.Row row, Cells.Layout layout, LocalDate today) {
        Cells c = new Cells(row, layout);
        EntityTags tags = new EntityTags(c.choice("tags.permitClass", PermitClass.class), c.parts("tags.supervisionTypes"),
                c.parts("tags.pollutantKinds"), c.choice("tags.performanceGrade", PerformanceGrade.class), c.choice("tags.creditRating", CreditRating.class),
                c.choice("tags.creditRisk", CreditRisk.class), c.yesNo("tags.positiveList"), c.choices("tags.flags", Flag.class));
        EntityDraft draft = new EntityDraft(c.text("uscc"), c.text("name"), c.text("address"), c.text("district"),
                c.text("legalRepresentative"), c.text("industry"), c.choice("status", EntityStatus.class), c.date("registrationDate"), tags);
        if (c.errors().isEmpty()) c.refuse(draft.problems(today));
        return new Parsed(row, draft, List.copyOf(c.errors()));
    }

    static List<String> header() {
        return Stream.concat(IMPORTED.stream(), DERIVED.stream()).map(Column::label).toList();
    }

    static List<String> cells(EntityState e) {
        EntityTags t = e.tags();
        return List.of(e.uscc(), e.name(), e.address(), e.district(), text(e.legalRepresentative()), text(e.industry()),
                Labels.of(e.status()), e.registrationDate() == null ? "" : e.registrationDate().toString(),
                Labels.of(t.permitClass()), String.join("；", t.supervisionTypes()), String.join("；", t.pollutantKinds()),
                Labels.of(t.performanceGrade()), Labels.of(t.creditRating()), Labels.of(t.creditRisk()), t.positiveList() ? "是" : "否",
                t.flags().stream().sorted().map(Labels::of).collect(Collectors.joining("；")),
                Labels.of(e.category()), e.offSite() ? "是" : "否", text(e.categoryExplanation()), e.id().toString(),
                Objects.toString(e.rosterRevision(), ""));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
