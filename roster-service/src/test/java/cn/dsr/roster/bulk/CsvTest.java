package cn.dsr.roster.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quoted_fields_keep_commas_quotes_and_line_breaks_and_rows_are_numbered_as_a_spreadsheet_shows_them() {
        Sheet sheet = Csv.read("名称,地址\r\n\"甲公司,一厂\",\"纬一路\"\"8\"\"号\"\n\n\"乙公司\",\"两行\n地址\"\n".getBytes(StandardCharsets.UTF_8), 10);
        assertThat(sheet.header()).containsExactly("名称", "地址");
        assertThat(sheet.rows()).extracting(Sheet.Row::number).containsExactly(2, 4);
        assertThat(sheet.rows().get(0).cells()).containsExactly("甲公司,一厂", "纬一路\"8\"号");
        assertThat(sheet.rows().get(1).cell(1)).isEqualTo("两行\n地址");
        assertThat(sheet.rows().get(1).cell(5)).isEmpty();
    }

    @Test
    void excel_utf8_with_bom_and_chinese_windows_gb18030_are_both_read() {
        byte[] bom = Csv.write(List.of("名称"), List.of(List.of("西华县某公司")));
        assertThat(Csv.read(bom, 10).header()).containsExactly("名称");
        byte[] gbk = "名称\n西华县某公司\n".getBytes(Charset.forName("GB18030"));
        assertThat(Csv.read(gbk, 10).rows().get(0).cell(0)).isEqualTo("西华县某公司");
    }

    @Test
    void what_is_written_reads_back_the_same() {
        List<List<String>> rows = List.of(List.of("a,b", "say \"hi\"", ""), List.of("1", "2", "3"));
        Sheet sheet = Csv.read(Csv.write(List.of("x", "y", "z"), rows), 10);
        assertThat(sheet.rows()).extracting(Sheet.Row::cells).containsExactly(rows.get(0), rows.get(1));
    }

    @Test
    void an_unclosed_quote_a_stray_quote_or_an_empty_file_is_malformed() {
        assertThatThrownBy(() -> Csv.read("a,b\n\"x,y\n".getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(MalformedFile.class).hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> Csv.read("a,b\nx\"y,z\n".getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(MalformedFile.class).hasMessageContaining("quote inside");
        assertThatThrownBy(() -> Csv.read(new byte[0], 10)).isInstanceOf(MalformedFile.class).hasMessageContaining("empty");
    }

    @Test
    void more_rows_than_allowed_are_too_large() {
        assertThatThrownBy(() -> Csv.read("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), 2)).isInstanceOf(TooLarge.class);
    }
}
