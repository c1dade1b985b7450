package dev.nifiocr.request;

import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.migration.PropertyConfiguration;

import java.util.Map;

/**
 * What the job processors build their request from: {@link RequestSource} in the words of documents, since a job reads
 * a PDF or an Office file more often than an image.
 */
public enum DocumentSource implements DescribedValue {
    CONTENT_DOCUMENT("FlowFile Content as Document", RequestSource.CONTENT_IMAGE,
            "The content is a PDF or an image, sent inline (ImageBase64; FileBase64 with its FileType detected for lkeap)."),
    DOCUMENT_URL("Document URL", RequestSource.IMAGE_URL,
            "Tencent downloads the document from the Document URL property (ImageUrl; FileUrl for lkeap); the content is not sent."),
    CONTENT_REQUEST_JSON("FlowFile Content as Request JSON", RequestSource.CONTENT_REQUEST_JSON,
            "The content is a complete JSON object of request parameters."),
    PARAMETERS_ONLY("Request Parameters Only", RequestSource.PARAMETERS_ONLY,
            "The request consists of the Request Parameters and dynamic properties, e.g. ImageUrlList for SubmitMarkEssayAgentJob.");

    // what flows saved before these words stored: RequestSource's values and, older still, its constant names
    private static final Map<String, DocumentSource> EARLIER = Map.of(
            RequestSource.CONTENT_IMAGE.getValue(), CONTENT_DOCUMENT, RequestSource.CONTENT_IMAGE.name(), CONTENT_DOCUMENT,
            RequestSource.IMAGE_URL.getValue(), DOCUMENT_URL, RequestSource.IMAGE_URL.name(), DOCUMENT_URL,
            RequestSource.CONTENT_REQUEST_JSON.name(), CONTENT_REQUEST_JSON, RequestSource.PARAMETERS_ONLY.name(), PARAMETERS_ONLY);

    private final String displayName;
    private final RequestSource requestSource;
    private final String description;

    DocumentSource(final String displayName, final RequestSource requestSource, final String description) {
        this.displayName = displayName;
        this.requestSource = requestSource;
        this.description = description;
    }

    /** How the request is built. */
    RequestSource requestSource() {
        return requestSource;
    }

    /**
     * Keeps job processors saved with the earlier words (Request Source "FlowFile Content as Image" or "Image URL", the
     * property Image URL) loading and doing what they did.
     */
    public static void migrate(final PropertyConfiguration config) {
        config.renameProperty(CallProperties.IMAGE_URL.getName(), CallProperties.DOCUMENT_URL.getName());
        final String source = CallProperties.DOCUMENT_SOURCE.getName();
        config.getRawPropertyValue(source).map(EARLIER::get).ifPresent(current -> config.setProperty(source, current.getValue()));
    }

    @Override
    public String getValue() {
        return displayName;
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
