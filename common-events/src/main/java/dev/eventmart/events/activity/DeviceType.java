package dev.eventmart.events.activity;

public enum DeviceType {
    MOBILE,
    TABLET,
    DESKTOP,
    UNKNOWN
}
