package dev.nifiocr.request;

import org.apache.nifi.components.DescribedValue;

/**
 * The asynchronous document parsing pair of Tencent's lkeap service (知识引擎原子能力, API 2024-05-22): a PDF, Office file
 * or image in, a zip of Markdown out. Its own host and signing service name, so it is not an OCR Action.
 */
public enum LkeapAction implements DescribedValue {

    CreateReconstructDocumentFlow("Document to Markdown, submit job",
            "Submits a document parsing job of Tencent's lkeap service: the file (FileBase64 up to 8 MB after Base64, or FileUrl; "
                    + "FileType is detected for PDF, PNG, JPG, GIF, BMP, TIFF, else set it in Request Parameters) becomes Markdown. "
                    + "Pages: FileStartPageNumber, FileEndPageNumber. Returns TaskId, kept by Tencent 30 days. "
                    + "Read its result with GetReconstructDocumentResult: a zip downloaded within Maximum Answer Size."),
    GetReconstructDocumentResult("Document to Markdown, job result",
            "Reads a document parsing job: Status WaitExecute, Processing, Pause, Success or Failed, the zip's URL "
                    + "(valid 30 minutes), FailedPages, Usage, Error.");

    /** The service name in the host and in the signature's credential scope. */
    public static final String SERVICE = "lkeap";
    /** The API version (X-TC-Version) of the lkeap Actions. */
    public static final String VERSION = "2024-05-22";
    /** The request field of an inline file; Tencent's limit on it, after Base64. */
    public static final String FILE_BASE64 = "FileBase64";
    public static final long MAX_FILE_BASE64 = 8L * 1024 * 1024;

    private final String plainName;
    private final String description;

    LkeapAction(final String plainName, final String description) {
        this.plainName = plainName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return "Document Parsing (lkeap) \u00b7 " + plainName + " (" + name() + ")";
    }

    @Override
    public String getDescription() {
        return description;
    }

    public String version() {
        return VERSION;
    }

    public String service() {
        return SERVICE;
    }

    /** The other Action of the pair. */
    public LkeapAction jobPartner() {
        return this == CreateReconstructDocumentFlow ? GetReconstructDocumentResult : CreateReconstructDocumentFlow;
    }

    /** The lkeap Action of that name, or null. */
    public static LkeapAction named(final String name) {
        for (final LkeapAction action : values()) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        return null;
    }
}
