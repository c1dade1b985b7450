package dev.nifiocr.processors;

/**
 * The client service implementation, by name only, for {@code @SeeAlso}: processors see the service API, never the
 * class that implements it.
 */
final class ServiceImplementation {

    static final String CLASS_NAME = "dev.nifiocr.service.StandardTencentCloudClientService";

    private ServiceImplementation() {
    }
}
