package dev.nifiocr.service;

import org.apache.nifi.components.DescribedValue;

/** Tencent Cloud regions sent as X-TC-Region. Which Actions each region serves is Tencent's to say (UnsupportedRegion). */
public enum TencentRegion implements DescribedValue {
    AP_GUANGZHOU("ap-guangzhou", "South China (Guangzhou)"),
    AP_SHANGHAI("ap-shanghai", "East China (Shanghai)"),
    AP_NANJING("ap-nanjing", "East China (Nanjing)"),
    AP_BEIJING("ap-beijing", "North China (Beijing)"),
    AP_CHENGDU("ap-chengdu", "Southwest China (Chengdu)"),
    AP_CHONGQING("ap-chongqing", "Southwest China (Chongqing)"),
    AP_HONGKONG("ap-hongkong", "Hong Kong, China"),
    AP_SHANGHAI_FSI("ap-shanghai-fsi", "East China (Shanghai Finance)"),
    AP_SHENZHEN_FSI("ap-shenzhen-fsi", "South China (Shenzhen Finance)"),
    AP_SINGAPORE("ap-singapore", "Singapore"),
    AP_BANGKOK("ap-bangkok", "Thailand (Bangkok)"),
    AP_MUMBAI("ap-mumbai", "India (Mumbai)"),
    AP_SEOUL("ap-seoul", "South Korea (Seoul)"),
    AP_TOKYO("ap-tokyo", "Japan (Tokyo)"),
    NA_SILICONVALLEY("na-siliconvalley", "US West (Silicon Valley)"),
    NA_ASHBURN("na-ashburn", "US East (Virginia)"),
    NA_TORONTO("na-toronto", "North America (Toronto)"),
    EU_FRANKFURT("eu-frankfurt", "Europe (Frankfurt)"),
    EU_MOSCOW("eu-moscow", "Europe (Moscow)");

    private final String region;
    private final String location;

    TencentRegion(final String region, final String location) {
        this.region = region;
        this.location = location;
    }

    @Override
    public String getValue() {
        return region;
    }

    @Override
    public String getDisplayName() {
        return region;
    }

    @Override
    public String getDescription() {
        return location;
    }
}
