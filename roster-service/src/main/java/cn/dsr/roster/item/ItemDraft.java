package cn.dsr.roster.item;

import cn.dsr.platform.refusal.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One row of the item list (随机抽查事项清单) as the seeds' tables have it (000, 002, 004). An
 * item without a legal basis cannot be on the list: "三个不查" — no inspection without one.
 */
public record ItemDraft(
        Integer seq,                    // 序号; assigned after the last one when absent
        String category,                // 抽查类别, e.g. 污染源日常环境监督管理
        String name,                    // 抽查事项
        String targetType,              // 检查对象, e.g. 排污单位
        ItemClass itemClass,            // 事项类别
        Set<InspectionMethod> methods,  // 检查方式
        String responsibleBody,         // 检查主体
        List<LegalBasis> legalBasis,    // 检查依据
        String ratioAndFrequency,       // 抽查比例及频次, as the list words it
        String content,                 // 抽查内容
        Set<String> requiredExpertise) { // inspectors matched to the item need one of these (e.g. 辐射)

    public ItemDraft {
        category = text(category);
        name = text(name);
        targetType = text(targetType);
        responsibleBody = text(responsibleBody);
        ratioAndFrequency = text(ratioAndFrequency);
        content = text(content);
        methods = methods == null || methods.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(methods.stream().filter(Objects::nonNull).toList()));
        legalBasis = legalBasis == null ? List.of() : legalBasis.stream()
                .map(b -> b == null ? new LegalBasis(null, null) : new LegalBasis(text(b.law()), text(b.article()))).toList();
        requiredExpertise = requiredExpertise == null ? Set.of() : Collections.unmodifiableSortedSet(requiredExpertise.stream()
                .filter(Objects::nonNull).map(String::strip).collect(Collectors.toCollection(TreeSet::new)));
    }

    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (seq != null && (seq < 1 || seq > 9999)) out.add(new Violation("seq", "1 to 9999"));
        require(out, "category", category, 100);
        require(out, "name", name, 500);
        require(out, "targetType", targetType, 100);
        if (itemClass == null) out.add(new Violation("itemClass", "is required"));
        if (methods.isEmpty()) out.add(new Violation("methods", "at least one inspection method"));
        require(out, "responsibleBody", responsibleBody, 100);
        if (legalBasis.isEmpty()) out.add(new Violation("legalBasis", "at least one: no inspection without a legal basis (三个不查)"));
        for (int i = 0; i < legalBasis.size(); i++) {
            require(out, "legalBasis[" + i + "].law", legalBasis.get(i).law(), 200);
            String article = legalBasis.get(i).article();
            if (article != null && article.length() > 200) out.add(new Violation("legalBasis[" + i + "].article", "at most 200 characters"));
        }
        if (legalBasis.size() > 20) out.add(new Violation("legalBasis", "at most 20"));
        if (ratioAndFrequency != null && ratioAndFrequency.length() > 500) out.add(new Violation("ratioAndFrequency", "at most 500 characters"));
        if (content != null && content.length() > 4000) out.add(new Violation("content", "at most 4000 characters"));
        if (requiredExpertise.size() > 10 || requiredExpertise.stream().anyMatch(t -> t.isEmpty() || t.length() > 40)) {
            out.add(new Violation("requiredExpertise", "at most 10 tags of 1–40 characters"));
        }
        return out;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void require(List<Violation> out, String field, String value, int max) {
        if (value == null) out.add(new Violation(field, "is required"));
        else if (value.length() > max) out.add(new Violation(field, "at most " + max + " characters"));
    }
}
