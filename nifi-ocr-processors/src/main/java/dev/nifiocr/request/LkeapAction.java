package dev.nifiocr.request;

import java.util.Map;

/**
 * The asynchronous document parsing pair of Tencent's lkeap service (知识引擎原子能力, API 2024-05-22): a PDF, Office file
 * or image in, a zip of Markdown out. Its own host and signing service name, so it is not an OCR Action.
 */
public enum LkeapAction implements TencentAction {

    CreateReconstructDocumentFlow(
            "Document Parsing (lkeap): submits a document parsing job of Tencent's lkeap service: the file (FileBase64 up to 8 MB after Base64, or FileUrl; "
                    + "FileType is detected for PDF, PNG, JPG, GIF, BMP, TIFF, else set it in Request Parameters) becomes Markdown. "
                    + "Pages: FileStartPageNumber, FileEndPageNumber. Returns TaskId, kept by Tencent 30 days. "
                    + "Read its result with GetReconstructDocumentResult: a zip downloaded within Maximum Answer Size.",
            // Tencent's request fields (tccli lkeap 2024-05-22); Config is a ReconstructDocumentFlowConfig object
            Map.of("FileType", ParameterTypes.Type.STRING, "FileUrl", ParameterTypes.Type.STRING, "FileBase64", ParameterTypes.Type.STRING,
                    "FileStartPageNumber", ParameterTypes.Type.INTEGER, "FileEndPageNumber", ParameterTypes.Type.INTEGER,
                    "Config", ParameterTypes.Type.OBJECT)),
    GetReconstructDocumentResult(
            "Document Parsing (lkeap): reads a document parsing job: Status WaitExecute, Processing, Pause, Success or Failed, the zip's URL "
                    + "(valid 30 minutes), FailedPages, Usage, Error.",
            Map.of("TaskId", ParameterTypes.Type.STRING));

    /** The service name in the host and in the signature's credential scope. */
    public static final String SERVICE = "lkeap";
    /** The API version (X-TC-Version) of the lkeap Actions. */
    public static final String VERSION = "2024-05-22";
    /** The request field of an inline file; Tencent's limit on it, after Base64. */
    static final String FILE_BASE64 = "FileBase64";
    static final long MAX_FILE_BASE64 = 8L * 1024 * 1024;

    private final String description;
    private final Map<String, ParameterTypes.Type> parameters;

    LkeapAction(final String description, final Map<String, ParameterTypes.Type> parameters) {
        this.description = description;
        this.parameters = parameters;
    }

    @Override
    public String getValue() {
        return name();
    }

    /** As OcrAction's, the Action name; no hint fits after these long names in NiFi's select. */
    @Override
    public String getDisplayName() {
        return name();
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public LkeapAction jobPartner() {
        return this == CreateReconstructDocumentFlow ? GetReconstructDocumentResult : CreateReconstructDocumentFlow;
    }

    @Override
    public boolean submitsJob() {
        return this == CreateReconstructDocumentFlow;
    }

    @Override
    public String jobIdField() {
        return "TaskId";
    }

    @Override
    public boolean documentParsing() {
        return true;
    }

    @Override
    public Map<String, ParameterTypes.Type> declaredParameters() {
        return parameters;
    }
}
