package cn.dsr.roster.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.dsr.roster.entity.CreditRisk;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.roster.entity.Flag;
import cn.dsr.roster.entity.PermitClass;
import cn.dsr.roster.entity.UsccSamples;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {

    static final LocalDate TODAY = LocalDate.of(2024, 4, 1);
    static final List<String> HEADER = List.of("统一社会信用代码", "名称", "地址", "所在区县代码", "登记状态", "成立日期",
            "排污许可管理类别", "信用风险分类", "正面清单", "要素标签", "备注");

    static EntityRows.Parsed parse(String... cells) {
        return EntityRows.parse(new Sheet.Row(2, List.of(cells)), Cells.Layout.of(EntityRows.IMPORTED, HEADER), TODAY);
    }

    @Test
    void an_office_row_in_chinese_words_becomes_a_draft() {
        String uscc = UsccSamples.nth("411622", 1);
        EntityRows.Parsed p = parse(uscc.toLowerCase(), "某化工有限公司", "工业园区", "411622", "在营", "2015/3/1",
                "重点管理", "较高风险", "否", "挂牌督办；行政处罚", "不导入的列");
        assertThat(p.errors()).isEmpty();
        assertThat(p.draft().uscc()).isEqualTo(uscc);
        assertThat(p.draft().status()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(p.draft().registrationDate()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(p.draft().tags().permitClass()).isEqualTo(PermitClass.KEY);
        assertThat(p.draft().tags().creditRisk()).isEqualTo(CreditRisk.HIGHER);
        assertThat(p.draft().tags().flags()).containsExactlyInAnyOrder(Flag.SUPERVISED_LISTING, Flag.PENALISED);
    }

    @Test
    void excel_date_serials_and_codes_are_read_too() {
        EntityRows.Parsed p = parse(UsccSamples.nth("411622", 2), "某公司", "某地", "411622", "ACTIVE", "42064", "KEY", "HIGH", "是", "", "");
        assertThat(p.errors()).isEmpty();
        assertThat(p.draft().registrationDate()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(p.draft().tags().positiveList()).isTrue();
    }

    @Test
    void every_bad_cell_of_a_row_is_reported_with_its_row_and_column() {
        EntityRows.Parsed p = parse("91350100M000100Y44", "某公司", "某地", "411622", "营业", "2015-02-30", "重点", "中风险", "也许", "", "");
        assertThat(p.errors()).extracting(RowError::row).containsOnly(2);
        assertThat(p.errors()).extracting(RowError::column)
                .containsExactly("排污许可管理类别", "信用风险分类", "正面清单", "登记状态", "成立日期");
        assertThat(p.errors().get(0).message()).contains("重点管理");
    }

    @Test
    void once_cells_read_the_domain_rules_report_under_their_column() {
        EntityRows.Parsed p = parse("91350100M000100Y44", "某公司", "某地", "411622", "在营", "2030-01-01", "", "", "", "", "");
        assertThat(p.errors()).extracting(RowError::column, RowError::field)
                .containsExactly(tuple("统一社会信用代码", "uscc"), tuple("成立日期", "registrationDate"));
    }

    @Test
    void a_header_without_a_required_column_makes_the_file_unusable() {
        assertThatThrownBy(() -> Cells.Layout.of(EntityRows.IMPORTED, List.of("名称", "地址", "所在区县代码", "登记状态")))
                .isInstanceOf(MalformedFile.class).hasMessageContaining("统一社会信用代码 (uscc)");
        assertThatThrownBy(() -> Cells.Layout.of(EntityRows.IMPORTED, List.of("uscc", "统一社会信用代码", "名称", "地址", "所在区县代码", "登记状态")))
                .isInstanceOf(MalformedFile.class).hasMessageContaining("twice");
    }

    @Test
    void an_export_of_the_xlsx_writer_reads_back_as_text() {
        byte[] xlsx = Xlsx.write("名录", List.of("统一社会信用代码", "成立日期"), List.of(List.of("000123", "2015-03-01")));
        Sheet sheet = Xlsx.read(xlsx, 10);
        assertThat(sheet.header()).containsExactly("统一社会信用代码", "成立日期");
        assertThat(sheet.rows().get(0).cells()).containsExactly("000123", "2015-03-01");
        assertThat(sheet.rows().get(0).number()).isEqualTo(2);
        assertThatThrownBy(() -> Xlsx.read("not a workbook".getBytes(), 10)).isInstanceOf(MalformedFile.class);
    }
}
