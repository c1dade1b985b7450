package dev.nifiocr.request;

import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * The properties every processor that calls Tencent shares, defined once so that they read the same everywhere: the
 * client service, what the request is built from, and the error codes whose route the user overrides.
 */
public final class CallProperties {

    public static final PropertyDescriptor CLIENT_SERVICE = new PropertyDescriptor.Builder()
            .name("Tencent Cloud Client Service")
            .description("The service holding the credentials, region, endpoint and rate limit.")
            .required(true)
            .identifiesControllerService(TencentCloudClientService.class)
            .build();

    public static final PropertyDescriptor REQUEST_SOURCE = new PropertyDescriptor.Builder()
            .name("Request Source")
            .description("What the request is built from.")
            .required(true)
            .allowableValues(RequestSource.class)
            .defaultValue(RequestSource.CONTENT_IMAGE)
            .build();

    public static final PropertyDescriptor IMAGE_URL = new PropertyDescriptor.Builder()
            .name("Image URL")
            .description("URL of the image for Tencent to download (within 3 seconds); Tencent's own COS storage is fastest.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(REQUEST_SOURCE, RequestSource.IMAGE_URL)
            .build();

    public static final PropertyDescriptor ALLOW_NON_PUBLIC_IMAGE_URLS = new PropertyDescriptor.Builder()
            .name("Allow Non-Public Image URLs")
            .description("When false (the default), an Image URL whose host is loopback, a private, link-local (cloud metadata) or "
                    + "other non-public address is refused before any request; only http and https are ever accepted. "
                    + "Set true only for an emulator or a private deployment that can reach such hosts.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(REQUEST_SOURCE, RequestSource.IMAGE_URL)
            .build();

    /** Request Source of the job processors, in the words of documents. */
    public static final PropertyDescriptor DOCUMENT_SOURCE = new PropertyDescriptor.Builder()
            .name("Request Source")
            .description("What the job's request is built from.")
            .required(true)
            .allowableValues(DocumentSource.class)
            .defaultValue(DocumentSource.CONTENT_DOCUMENT)
            .build();

    public static final PropertyDescriptor DOCUMENT_URL = new PropertyDescriptor.Builder()
            .name("Document URL")
            .description("URL of the document (PDF or image; for lkeap also Office files) for Tencent to download.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(DOCUMENT_SOURCE, DocumentSource.DOCUMENT_URL)
            .build();

    public static final PropertyDescriptor REQUEST_PARAMETERS = new PropertyDescriptor.Builder()
            .name("Request Parameters")
            .description("A JSON object of further request parameters, e.g. {\"LanguageType\": \"auto\", \"IsWords\": true}. "
                    + "Attribute values are JSON-escaped as Expression Language inserts them, so they cannot add keys: use them inside "
                    + "JSON strings, and pass whole JSON values through a dynamic property instead. "
                    + "Dynamic properties override its fields. IDCardOCR's Config is itself a JSON string: {\"Config\": \"{\\\"CopyWarn\\\":true}\"}.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor RETRY_ERROR_CODES = new PropertyDescriptor.Builder()
            .name("Retry Error Codes")
            .description("Comma-separated error codes to route to retry whatever their default route; a trailing * matches a "
                    + "prefix, e.g. FailedOperation.DownLoadError, ResourceUnavailable.*")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor FAILURE_ERROR_CODES = new PropertyDescriptor.Builder()
            .name("Failure Error Codes")
            .description("Comma-separated error codes to route to failure whatever their default route (this list wins over "
                    + "Retry Error Codes); a trailing * matches a prefix, e.g. FailedOperation.OcrFailed, FailedOperation.Image*")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    private CallProperties() {
    }
}
