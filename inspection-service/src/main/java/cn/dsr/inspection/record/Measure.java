package cn.dsr.inspection.record;

/** Measures taken on site when a problem is found (002, 003). */
public enum Measure {
    ORDER_TO_RECTIFY,  // 责令改正 / 责令整改
    EVIDENCE_TAKEN,    // 现场勘验笔录、初步提取证据
    STOP_ORDER         // 责令停止违法行为
}
