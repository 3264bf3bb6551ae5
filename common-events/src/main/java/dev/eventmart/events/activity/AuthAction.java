package dev.eventmart.events.activity;

public enum AuthAction {
    LOGIN,
    LOGOUT,
    FAILED
}
