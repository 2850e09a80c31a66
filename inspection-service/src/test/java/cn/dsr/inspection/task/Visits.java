package cn.dsr.inspection.task;

import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import java.time.LocalDate;
import java.util.List;

/** Visits for domain tests: a joint visit of two plans checking three items, with a team of two officers and an expert. */
public final class Visits {

    public static final TeamMember ZHANG = new TeamMember("INS-ZHANG", "张伟", "OFFICER", "411622");
    public static final TeamMember LI = new TeamMember("INS-LI", "李娜", "OFFICER", "411622");
    public static final TeamMember WANG = new TeamMember("EXP-WANG", "王强", "EXPERT", null);

    private Visits() {}

    public static Task jointVisit() {
        return new Task("V-1", "411622", "D-1", "2026Q1", true, null,
                new Entity("91411622MA44AB1X2K", "西华县某化工有限公司", "西华县工业园区", "411622", "KEY"), Method.ON_SITE,
                List.of(new VisitItem("P-1", "ITEM-WASTE", "危险废物规范化管理"),
                        new VisitItem("P-1", "ITEM-AIR", "大气污染防治设施运行"),
                        new VisitItem("P-2", "ITEM-WASTE", "危险废物规范化管理"),
                        new VisitItem("P-2", "ITEM-PERMIT", "排污许可证执行情况")),
                null, List.of(ZHANG, LI, WANG), TaskState.ASSIGNED, null);
    }

    public static Task offSiteVisit() {
        Task t = jointVisit();
        return new Task(t.taskId(), t.tenant(), t.drawId(), t.period(), t.random(), null, t.entity(), Method.OFF_SITE,
                t.items(), null, List.of(), TaskState.ASSIGNED, null);
    }

    public static Task startedOn(LocalDate date) {
        return in(TaskState.IN_PROGRESS, date);
    }

    public static Task in(TaskState state, LocalDate date) {
        Task t = jointVisit();
        return new Task(t.taskId(), t.tenant(), t.drawId(), t.period(), t.random(), null, t.entity(), t.method(),
                t.items(), null, t.team(), state, date);
    }
}
