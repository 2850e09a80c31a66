package cn.dsr.inspection.task;

import cn.dsr.platform.refusal.Refused;

/**
 * Where a visit stands: assigned by the draw (or by hand for a targeted inspection), in progress
 * once the team has been on site, submitted with its field record, amended after an approved
 * correction. A visit of a draw that was cancelled before its record was entered is withdrawn.
 */
public enum TaskState {
    ASSIGNED, IN_PROGRESS, SUBMITTED, AMENDED, WITHDRAWN;

    public TaskState start() {
        if (this != ASSIGNED) throw Refused.conflict("the task is " + this + ": only an assigned task can be started");
        return IN_PROGRESS;
    }

    public TaskState submit() {
        if (hasRecord()) {
            throw Refused.conflict("the task's record is already submitted: once entered it changes only by an approved correction");
        }
        if (this == WITHDRAWN) throw Refused.conflict("the task was withdrawn with its cancelled draw: nothing to record");
        return SUBMITTED;
    }

    public TaskState amend() {
        if (!hasRecord()) throw Refused.conflict("the task is " + this + ": only a submitted record can be corrected");
        return AMENDED;
    }

    public boolean hasRecord() {
        return this == SUBMITTED || this == AMENDED;
    }

    public boolean isOpen() {
        return this == ASSIGNED || this == IN_PROGRESS;
    }
}
