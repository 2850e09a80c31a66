package cn.dsr.disclosure.stats;

import cn.dsr.disclosure.Quarter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The quarterly statistics table (“双随机、一公开”监管工作季度统计表, 001/003) and the monthly
 * dispatch table (月调度表, 001) as .xlsx: a title,
 * the reporting unit and period, two header rows grouping the columns, one row per district and
 * the total of the city; the overdue disclosures on a second sheet (逾期公开明细).
 */
public final class QuarterlyWorkbook {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String TITLE = "“双随机、一公开”监管工作季度统计表";
    public static final String MONTHLY_TITLE = "“双随机、一公开”监管工作月调度表";

    /** Header groups: label and how many columns each spans (after 序号 and 单位). */
    private static final Object[][] GROUPS = {
            {"检查对象名录库（户）", 3}, {"抽查任务", 4}, {"检查结果", 2}, {"结果公开", 7}, {"联合抽查", 2}, {"信用风险分类抽查", 2}};
    private static final String[] COLUMNS = {
            "重点", "特殊", "一般",
            "计划抽查数", "实际抽取数", "已检查数", "按时录入数",
            "发现问题数", "问题发现率(%)",
            "已公开数", "公开率(%)", "按时公开数", "公开及时率(%)", "逾期公开数", "涉密不予公开数", "应公开数",
            "联合抽查数", "占比(%)",
            "抽查数", "占比(%)"};

    private QuarterlyWorkbook() {}

    public static byte[] write(String unit, StatisticsController.Report report, List<StatisticsController.Overdue> overdue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "dsr", "1.0");
            boolean monthly = report.month() != null;
            Worksheet ws = wb.newWorksheet(monthly ? "月调度表" : "季度统计表");
            int width = 2 + COLUMNS.length;
            ws.value(0, 0, monthly ? MONTHLY_TITLE : TITLE);
            ws.range(0, 0, 0, width - 1).merge();
            ws.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
            String quarter = Quarter.year(report.period()) + "年第" + report.period().charAt(5) + "季度（"
                    + Quarter.firstDay(report.period()) + " 至 " + Quarter.lastDay(report.period()) + "）";
            String during = monthly
                    ? report.month().replace("-", "年") + "月检查情况；计划、抽取为" + quarter + "全季数"
                    : quarter;
            ws.value(1, 0, "填报单位：" + unit + "　统计期间：" + during + "　统计日期：" + report.asOf());
            ws.range(1, 0, 1, width - 1).merge();
            ws.value(2, 0, "序号");
            ws.range(2, 0, 3, 0).merge();
            ws.value(2, 1, "单位");
            ws.range(2, 1, 3, 1).merge();
            int col = 2;
            for (Object[] group : GROUPS) {
                int span = (Integer) group[1];
                ws.value(2, col, (String) group[0]);
                ws.range(2, col, 2, col + span - 1).merge();
                col += span;
            }
            for (int i = 0; i < COLUMNS.length; i++) ws.value(3, 2 + i, COLUMNS[i]);
            ws.range(2, 0, 3, width - 1).style().bold().horizontalAlignment("center").wrapText(true).borderStyle("thin").set();
            int row = 4;
            int n = 1;
            for (Figures f : report.districts()) row(ws, row++, String.valueOf(n++), f);
            if (report.city() != null) row(ws, row, "合计", report.city());

            Worksheet details = wb.newWorksheet("逾期公开明细");
            String[] headers = {"单位", "检查任务", "统一社会信用代码", "检查对象", "公开期限", "公开日期"};
            for (int i = 0; i < headers.length; i++) details.value(0, i, headers[i]);
            details.range(0, 0, 0, headers.length - 1).style().bold().set();
            int r = 1;
            for (StatisticsController.Overdue o : overdue) {
                details.value(r, 0, o.district());
                details.value(r, 1, o.resultId());
                details.value(r, 2, o.uscc());
                details.value(r, 3, o.name());
                details.value(r, 4, o.due().toString());
                details.value(r, 5, o.publishedOn() == null ? "未公开" : o.publishedOn().toString());
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void row(Worksheet ws, int r, String number, Figures f) {
        Object[] values = {f.keyEntities(), f.specialEntities(), f.generalEntities(),
                f.planned(), f.drawn(), f.inspected(), f.inspectedOnTime(),
                f.problemsFound(), f.problemRate(),
                f.disclosed(), f.disclosureRate(), f.disclosedOnTime(), f.disclosureTimeliness(), f.overdueDisclosures(), f.withheld(),
                f.inspected() - f.withheld(),
                f.jointVisits(), f.jointShare(), f.creditRiskVisits(), f.creditRiskShare()};
        ws.value(r, 0, number);
        ws.value(r, 1, f.district());
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Integer n) ws.value(r, 2 + i, n);
            else if (v instanceof BigDecimal d) ws.value(r, 2 + i, d);
            else ws.value(r, 2 + i, "—");
        }
    }
}
