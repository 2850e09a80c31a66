package cn.dsr.roster.bulk;

import cn.dsr.roster.inspector.InspectorDraft;
import cn.dsr.roster.inspector.InspectorKind;
import cn.dsr.roster.inspector.InspectorState;
import cn.dsr.roster.inspector.InspectorStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The inspector roster as a table. A row with the roster's id updates that person; without one,
 * a row whose certificate number is on the roster updates its holder; any other row adds a person.
 */
final class InspectorRows {

    static final List<Column> IMPORTED = List.of(
            new Column("id", "名录编号", false),
            new Column("name", "姓名", true),
            new Column("unit", "所属单位代码", true),
            new Column("department", "科室代码", false),
            new Column("employer", "工作单位", false),
            new Column("certificateNo", "执法证号", false),
            new Column("certificateValidFrom", "执法证有效期起", false),
            new Column("certificateValidUntil", "执法证有效期至", false),
            new Column("post", "职务", false),
            new Column("kind", "人员类别", true),
            new Column("expertise", "擅长领域", false),
            new Column("status", "在岗状态", true),
            new Column("homeDistrict", "常驻区县代码", true),
            new Column("account", "登录账号", false));

    static final List<Column> DERIVED = List.of(new Column("rosterRevision", "名录版本", false));

    record Parsed(Sheet.Row row, UUID id, InspectorDraft draft, List<RowError> errors) {}

    private InspectorRows() {}

    static Parsed parse(Sheet.Row row, Cells.Layout layout) {
        Cells c = new Cells(row, layout);
        UUID id = c.uuid("id");
        InspectorDraft draft = new InspectorDraft(c.text("name"), c.text("unit"), c.text("department"), c.text("employer"),
                c.text("certificateNo"), c.date("certificateValidFrom"), c.date("certificateValidUntil"), c.text("post"),
                c.choice("kind", InspectorKind.class), c.parts("expertise"), c.choice("status", InspectorStatus.class), c.text("homeDistrict"),
                c.text("account"));
        if (c.errors().isEmpty()) c.refuse(draft.problems());
        return new Parsed(row, id, draft, List.copyOf(c.errors()));
    }

    static List<String> header() {
        return Stream.concat(IMPORTED.stream(), DERIVED.stream()).map(Column::label).toList();
    }

    static List<String> cells(InspectorState i) {
        return List.of(i.id().toString(), i.name(), i.unit(), text(i.department()), text(i.employer()), text(i.certificateNo()),
                date(i.certificateValidFrom()), date(i.certificateValidUntil()), text(i.post()), Labels.of(i.kind()),
                String.join("；", i.expertise()), Labels.of(i.status()), i.homeDistrict(), text(i.account()), Objects.toString(i.rosterRevision(), ""));
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
