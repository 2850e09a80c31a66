package cn.dsr.inspection.rectification;

/**
 * Where a rectification (整改) stands. It is cancelled only when an approved correction of the
 * record finds no problem after all.
 */
public enum RectificationStatus {
    OPEN, IN_PROGRESS, COMPLETED, CANCELLED;

    public boolean isActive() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
