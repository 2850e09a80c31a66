package cn.dsr.inspection.evidence;

/** Evidence attached to a record or a rectification: photos, documents, audio and video (001: 文字、音像记录). */
public enum EvidenceKind {
    PHOTO, DOCUMENT, AUDIO, VIDEO
}
