package dev.nifiocr.request;

import org.apache.nifi.components.DescribedValue;

/** What InvokeTencentOCR builds the request from. */
public enum RequestSource implements DescribedValue {
    CONTENT_IMAGE("FlowFile Content as Image",
            "The content is an image or PDF, sent as ImageBase64; IsPdf (or the Action's PDF switch) is set for a PDF."),
    IMAGE_URL("Image URL",
            "The image is downloaded by Tencent from the Image URL property; the content is not sent."),
    CONTENT_REQUEST_JSON("FlowFile Content as Request JSON",
            "The content is a complete JSON object of request parameters, such as EncryptOCRPayload produces."),
    PARAMETERS_ONLY("Request Parameters Only",
            "The request consists of the Request Parameters and dynamic properties, for Actions that take no image.");

    private final String displayName;
    private final String description;

    RequestSource(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    /** The label is the value, so the saved flow and the property's tooltip read as the list does. */
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
