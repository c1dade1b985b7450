package dev.nifiocr.service;

import org.apache.nifi.components.DescribedValue;

/** Language of Tencent's error messages, sent as X-TC-Language. */
public enum ResponseLanguage implements DescribedValue {
    ZH_CN("zh-CN", "Chinese", "Error messages in Simplified Chinese."),
    EN_US("en-US", "English", "Error messages in English, where Tencent has a translation.");

    private final String value;
    private final String displayName;
    private final String description;

    ResponseLanguage(final String value, final String displayName, final String description) {
        this.value = value;
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
