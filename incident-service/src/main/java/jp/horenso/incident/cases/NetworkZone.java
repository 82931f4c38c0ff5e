package jp.horenso.incident.cases;

/** The three separated network zones (Iwaki 第9-1). */
public enum NetworkZone {
    /** マイナンバー利用事務系. */
    MY_NUMBER_USE,
    /** LGWAN接続系. */
    LGWAN,
    /** インターネット接続系. */
    INTERNET
}
