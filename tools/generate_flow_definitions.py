#!/usr/bin/env python3
"""Writes the example flow definitions in templates/ (NiFi 2 "Upload flow definition" JSON) and a picture of each.

Run from the repository root: python3 tools/generate_flow_definitions.py
Property names of standard processors were read from the NiFi 2.3.0 classes; FlowDefinitionsTest checks this
bundle's components, their properties and relationships; the integration tests import every file into NiFi 2.3.0.
"""
import json
import uuid

OCR_BUNDLE = {"group": "dev.nifiocr", "artifact": "nifi-ocr-nar", "version": "0.1.0-SNAPSHOT"}
STANDARD = {"group": "org.apache.nifi", "artifact": "nifi-standard-nar", "version": "2.3.0"}
UPDATE_ATTRIBUTE = {"group": "org.apache.nifi", "artifact": "nifi-update-attribute-nar", "version": "2.3.0"}
DBCP = {"group": "org.apache.nifi", "artifact": "nifi-dbcp-service-nar", "version": "2.3.0"}
SERVICES_API = {"group": "org.apache.nifi", "artifact": "nifi-standard-services-api-nar", "version": "2.3.0"}
IMAGE_FILTER = r"(?i)[^.].*\.(jpe?g|png|bmp|gif|tiff?|webp|pdf)"

# Canvas layout, in NiFi 2 canvas units: a processor is 352 x 128, a funnel 48 x 48, a connection label about 224 wide and
# 90 high. The main path runs down one column; the retry loop sits right of InvokeTencentOCR; every failure leaves its
# processor to the right, with its label just beside it (the first bend), and meets the others at the errors funnel
# below-right, from where the error writers continue downwards. Labels never sit on a processor or on another label.
W, H = 352, 128
ROW = 300
LABEL_X = W + 200
RETRY_X = W + 290
LOOP_X = (W + RETRY_X) // 2
FUNNEL_X = RETRY_X + W + 186


class Flow:
    def __init__(self, name, comments, context_description):
        self.name = name
        self.context_description = context_description
        self.group_id = self.uid("group")
        self.comments = comments
        self.processors, self.connections, self.services, self.funnels, self.parameters = [], [], [], [], []

    def uid(self, *parts):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "nifi-ocr/" + self.name if not parts else "nifi-ocr/" + self.name + "/" + "/".join(parts)))

    def parameter(self, name, description, value=None, sensitive=False):
        """value None leaves the parameter unset: NiFi then names the property that needs it, where "" would fail as blank."""
        assert value != "", name
        self.parameters.append({"name": name, "description": description, "sensitive": sensitive, "provided": False,
                                "value": None if sensitive else value})
        return "#{" + name + "}"

    def service(self, name, type_, bundle, properties, apis):
        identifier = self.uid("service", name)
        self.services.append({
            "identifier": identifier, "name": name, "comments": "", "type": type_, "bundle": bundle,
            "properties": properties, "propertyDescriptors": {}, "controllerServiceApis": apis,
            "scheduledState": "ENABLED", "bulletinLevel": "WARN", "componentType": "CONTROLLER_SERVICE",
            "groupIdentifier": self.group_id})
        return identifier

    def processor(self, name, type_, bundle, properties, x, y, terminate=(), comments="", retried=(), penalty="30 sec"):
        """retried: relationships NiFi 2 itself retries (rolling the attempt back), 10 times with backoff up to 10 minutes.
        penalty: how long a penalized FlowFile waits (for a job status processor, the polling interval)."""
        identifier = self.uid("processor", name)
        self.processors.append({
            "identifier": identifier, "name": name, "comments": comments, "position": {"x": x, "y": y},
            "type": type_, "bundle": bundle, "properties": properties, "propertyDescriptors": {}, "style": {},
            "schedulingPeriod": "0 sec", "schedulingStrategy": "TIMER_DRIVEN", "executionNode": "ALL",
            "penaltyDuration": penalty, "yieldDuration": "1 sec", "bulletinLevel": "WARN", "runDurationMillis": 0,
            "concurrentlySchedulableTaskCount": 1, "autoTerminatedRelationships": list(terminate), "scheduledState": "ENABLED",
            "retryCount": 10, "retriedRelationships": list(retried), "backoffMechanism": "PENALIZE_FLOWFILE", "maxBackoffPeriod": "10 mins",
            "componentType": "PROCESSOR", "groupIdentifier": self.group_id})
        return identifier

    def funnel(self, name, x, y):
        identifier = self.uid("funnel", name)
        self.funnels.append({"identifier": identifier, "position": {"x": x, "y": y}, "componentType": "FUNNEL",
                             "groupIdentifier": self.group_id})
        return identifier

    def position(self, identifier):
        for component in self.processors + self.funnels:
            if component["identifier"] == identifier:
                return component["position"]["x"], component["position"]["y"]
        raise KeyError(identifier)

    def connect(self, source, destination, relationships=(), bends=()):
        """bends: points the line goes through; the label sits on the first one (or half-way when there is none)."""
        if source == destination and not bends:
            x, y = self.position(source)
            bends = [(x + W + 130, y + 30), (x + W + 130, y + H - 30)]
        def end(identifier):
            kind = "FUNNEL" if any(f["identifier"] == identifier for f in self.funnels) else "PROCESSOR"
            name = next((p["name"] for p in self.processors if p["identifier"] == identifier), "Funnel")
            return {"id": identifier, "type": kind, "groupId": self.group_id, "name": name}
        self.connections.append({
            "identifier": self.uid("connection", source, destination, *relationships), "name": "",
            "source": end(source), "destination": end(destination), "labelIndex": 0, "zIndex": 0,
            "selectedRelationships": list(relationships), "backPressureObjectThreshold": 10000,
            "backPressureDataSizeThreshold": "1 GB", "flowFileExpiration": "0 sec", "prioritizers": [],
            "bends": [{"x": x, "y": y} for x, y in bends],
            "loadBalanceStrategy": "DO_NOT_LOAD_BALANCE", "partitioningAttribute": "", "loadBalanceCompression": "DO_NOT_COMPRESS",
            "componentType": "CONNECTION", "groupIdentifier": self.group_id})

    def snapshot(self):
        context = self.name + " Parameters"
        group = {
            "identifier": self.group_id, "name": self.name, "comments": self.comments, "position": {"x": 0, "y": 0},
            "processGroups": [], "remoteProcessGroups": [], "processors": self.processors, "inputPorts": [], "outputPorts": [],
            "connections": self.connections, "labels": [], "funnels": self.funnels, "controllerServices": self.services,
            "parameterContextName": context, "defaultFlowFileExpiration": "0 sec", "defaultBackPressureObjectThreshold": 10000,
            "defaultBackPressureDataSizeThreshold": "1 GB", "scheduledState": "ENABLED", "executionEngine": "INHERITED",
            "maxConcurrentTasks": 1, "statelessFlowTimeout": "1 min", "flowFileConcurrency": "UNBOUNDED",
            "flowFileOutboundPolicy": "STREAM_WHEN_AVAILABLE", "componentType": "PROCESS_GROUP"}
        return {"flowContents": group, "externalControllerServices": {},
                "parameterContexts": {context: {"name": context, "description": self.context_description,
                                                "parameters": self.parameters, "inheritedParameterContexts": [],
                                                "componentType": "PARAMETER_CONTEXT"}},
                "flowEncodingVersion": "1.0", "parameterProviders": {}, "latest": False}


def client_service(flow, extra=None):
    properties = {
        "Credentials Strategy": "Secret ID and Secret Key",
        "Secret ID": flow.parameter("Tencent Secret ID", "SecretId of a Tencent Cloud API key (CAM > API Keys), starting with AKID; not secret by itself"),
        "Secret Key": flow.parameter("Tencent Secret Key", "SecretKey of that API key", sensitive=True),
        "Region": flow.parameter("Tencent Region", "Region of Tencent Cloud OCR, e.g. ap-guangzhou", "ap-guangzhou"),
        "Endpoint": flow.parameter("Tencent Endpoint", "OCR endpoint host, or http://127.0.0.1:PORT for the local emulator",
                                   "ocr.tencentcloudapi.com"),
        "Rate Limit per Account": flow.parameter("Rate Limit per Account", "Requests per second for the whole Tencent Cloud account, over all nodes: each node takes its share", "10"),
    }
    properties.update(extra or {})
    return flow.service("Tencent Cloud", "dev.nifiocr.service.StandardTencentCloudClientService", OCR_BUNDLE, properties,
                        [{"type": "dev.nifiocr.service.api.TencentCloudClientService", "bundle": OCR_BUNDLE}])


def intake(flow, input_description, keep_inputs=False):
    """keep_inputs: the input folder stays the only copy of a failed file, so the flow never moves or deletes inputs."""
    listing = flow.processor("List Input Files", "org.apache.nifi.processors.standard.ListFile", STANDARD, {
        "Input Directory": flow.parameter("Input Directory", input_description, "/data/ocr/in"),
        "File Filter": IMAGE_FILTER, "Recurse Subdirectories": "false"}, 0, 0)
    completion = "None" if keep_inputs else flow.parameter(
        "Completion Strategy", "What FetchFile does with an input file once read: None (keep it), Move File or Delete File", "None")
    fetch = flow.processor("Fetch Input File", "org.apache.nifi.processors.standard.FetchFile", STANDARD, {
        "Completion Strategy": completion}, 0, ROW)
    compress = flow.processor("Fit Image to Tencent Limits", "dev.nifiocr.processors.CompressImage", OCR_BUNDLE, {
        "Maximum Encoded Size": "7 MB"}, 0, 2 * ROW)
    flow.connect(listing, fetch, ["success"])
    flow.connect(fetch, compress, ["success"])
    return fetch, compress


def pdf_intake(flow, input_description):
    """ListFile (PDFs only) and FetchFile, which keeps the input where it is; the caller connects them."""
    listing = flow.processor("List PDFs", "org.apache.nifi.processors.standard.ListFile", STANDARD, {
        "Input Directory": flow.parameter("Input Directory", input_description, "/data/ocr/pdf"),
        "File Filter": r"(?i)[^.].*\.pdf", "Recurse Subdirectories": "false"}, 0, 0)
    fetch = flow.processor("Fetch PDF", "org.apache.nifi.processors.standard.FetchFile", STANDARD, {
        "Completion Strategy": "None"}, 0, ROW)
    return listing, fetch


def writer(flow, name, directory, row):
    """A PutFile whose failures (a full or missing disk) NiFi 2 retries itself, with backoff, before they go to the errors."""
    return flow.processor(name, "org.apache.nifi.processors.standard.PutFile", STANDARD, {
        "Directory": directory, "Conflict Resolution Strategy": "replace"}, 0, row * ROW, terminate=["success"], retried=["failure"])


# What an error file may say: where the input was and why it failed (with the job to ask Tencent about); never tencent.ocr.encryption.* (the protected session key)
ERROR_ATTRIBUTES = r"filename|absolute\.path|tencent\.ocr\.(action|region|endpoint|request\.id|http\.status|duration\.ms|error\..*|image\..*|job\.(id|action|status|submitted))"


def errors(flow, sources, invoke, retry, write_input=True):
    """Every failure goes to one funnel, then to the errors folder: its attributes as JSON and, unless write_input is
    False (sensitive flows: the content is a personal photo or an encrypted request), the input as it was.
    Each failure leaves its processor to the right with its label beside it; those above the retry loop pass right of it."""
    invoke_y = flow.position(invoke)[1]
    funnel_y = invoke_y + ROW + 150
    funnel = flow.funnel("Errors", FUNNEL_X, funnel_y)
    above = 0
    for source, relationships in sources:
        x, y = flow.position(source)
        if source == retry:
            bends = []
        elif source == invoke:
            bends = [(LOOP_X, y + H + 90)]
        elif y < invoke_y:
            bends = [(LABEL_X, y + H // 2), (FUNNEL_X + 24 + 30 * above, y + H // 2)]
            above += 1
        else:
            bends = [(LABEL_X, y + H // 2)]
        flow.connect(source, funnel, relationships, bends)
    directory = flow.parameter("Error Directory", "Where failed inputs and their error attributes are written" if write_input
                               else "Where the error details of failed inputs are written (no content; the input stays in the input directory)",
                               "/data/ocr/errors")
    column = FUNNEL_X + 24 - W // 2
    describe = flow.processor("Describe Error", "org.apache.nifi.processors.standard.AttributesToJSON", STANDARD, {
        "Destination": "flowfile-content", "attributes-to-json-regex": ERROR_ATTRIBUTES,
        "Include Core Attributes": "false", "Pretty Print": "true"}, column, funnel_y + 250, terminate=["failure"])
    name = flow.processor("Name Error File", "org.apache.nifi.processors.attributes.UpdateAttribute", UPDATE_ATTRIBUTE, {
        "filename": "${filename}.error.json"}, column, funnel_y + 250 + ROW)
    write_details = flow.processor("Write Error Details", "org.apache.nifi.processors.standard.PutFile", STANDARD, {
        "Directory": directory, "Conflict Resolution Strategy": "replace"}, column, funnel_y + 250 + 2 * ROW, terminate=["success"])
    flow.connect(funnel, describe)
    flow.connect(describe, name, ["success"])
    flow.connect(name, write_details, ["success"])
    # the last stop: a disk that is full or gone keeps the FlowFile here, penalized, until it is back
    flow.connect(write_details, write_details, ["failure"])
    if write_input:
        write_input = flow.processor("Write Failed Input", "org.apache.nifi.processors.standard.PutFile", STANDARD, {
            "Directory": directory, "Conflict Resolution Strategy": "replace"}, column + W + 150, funnel_y + 250, terminate=["success"])
        flow.connect(funnel, write_input)
        flow.connect(write_input, write_input, ["failure"])
    return funnel


def retry_loop(flow, invoke):
    """The billed processor's retry (InvokeTencentOCR, SubmitTencentOCRJob) goes round RetryFlowFile, not NiFi's own retry:
    NiFi rolls a retried attempt back, and with it the SEND provenance event and the counters of a request Tencent may have billed."""
    y = flow.position(invoke)[1]
    retry = flow.processor("Retry Up To 5 Times", "org.apache.nifi.processors.standard.RetryFlowFile", STANDARD, {
        "maximum-retries": "5", "penalize-retries": "true"}, RETRY_X, y)
    flow.connect(invoke, retry, ["retry"], [(LOOP_X, y - 80)])
    flow.connect(retry, invoke, ["retry"])
    return retry


def folder_to_text():
    flow = Flow("OCR Folder of Scans to Text", "Recognises the text of every image or PDF in a folder with GeneralAccurateOCR and "
                "writes the lines as JSON next to the input name; failures land in the errors folder with their attributes.",
                "Folders and Tencent Cloud settings of the OCR Folder of Scans to Text flow. Set Tencent Secret ID and Tencent "
                "Secret Key (sensitive), then enable the group's controller services and start the group.")
    service = client_service(flow)
    fetch, compress = intake(flow, "Folder of scans and photos to read (JPEG, PNG, BMP, GIF, TIFF, WebP, PDF)")
    invoke = flow.processor("Recognize Text", "dev.nifiocr.processors.InvokeTencentOCR", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service, "OCR Action": "GeneralAccurateOCR", "Request Source": "FlowFile Content as Image"},
        0, 3 * ROW, terminate=["original"])
    retry = retry_loop(flow, invoke)
    extract = flow.processor("Extract Text Lines", "org.apache.nifi.processors.standard.EvaluateJsonPath", STANDARD, {
        "Destination": "flowfile-content", "Return Type": "json",
        "text": "$.Response.TextDetections[*].DetectedText"}, 0, 4 * ROW)
    name = flow.processor("Name Text File", "org.apache.nifi.processors.attributes.UpdateAttribute", UPDATE_ATTRIBUTE, {
        "filename": "${filename:substringBeforeLast('.')}.text.json", "mime.type": "application/json"}, 0, 5 * ROW)
    write = writer(flow, "Write Text", flow.parameter("Output Directory", "Where the recognised text is written", "/data/ocr/text"), 6)
    flow.connect(compress, invoke, ["success"])
    flow.connect(invoke, extract, ["success"])
    flow.connect(extract, name, ["matched"])
    flow.connect(name, write, ["success"])
    errors(flow, [(fetch, ["failure", "not.found", "permission.denied"]), (compress, ["failure"]), (invoke, ["failure"]),
                  (retry, ["retries_exceeded", "failure"]), (extract, ["unmatched", "failure"]), (write, ["failure"])], invoke, retry)
    return flow


def id_cards():
    flow = Flow("OCR ID Cards with Sensitive Data Encryption", "Reads the portrait side of Chinese ID cards with "
                "RecognizeEncryptedIDCardOCR: the request and answer are encrypted end to end (AES-256-CBC, key wrapped with "
                "Tencent's RSA key); the decrypted answer is written as JSON to the output directory only. The card fields are "
                "never attributes (provenance keeps attributes), and the errors folder gets error details only: no photo, no "
                "encrypted request, no protected session key.",
                "Folders, Tencent Cloud settings and encryption keys of the OCR ID Cards flow. Set Tencent Secret ID, Tencent "
                "Secret Key and Session Key Protection Secret (sensitive) and Tencent RSA Public Key (from Tencent OCR support), "
                "then enable the group's controller services and start the group.")
    service = client_service(flow, {
        "Sensitive Data Encryption Enabled": "true",
        "RSA Public Key": flow.parameter("Tencent RSA Public Key", "Tencent's RSA public key for sensitive data encryption (PEM, or Base64 of PEM), from Tencent OCR support"),
        "Session Key Protection Secret": flow.parameter("Session Key Protection Secret", "At least 32 random bytes as Base64 or hex, the same on every node: the output of openssl rand -base64 32", sensitive=True)})
    fetch, compress = intake(flow, "Folder of ID card photos (portrait side); inputs are never moved or deleted, so a failed photo stays here", keep_inputs=True)
    encrypt = flow.processor("Encrypt Request", "dev.nifiocr.processors.EncryptOCRPayload", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service, "Envelope Algorithm": "AES-256-CBC", "Request Source": "FlowFile Content as Image",
        "CardSide": "FRONT", "Config": "{\"CopyWarn\":true,\"ReshootWarn\":true}"}, 0, 3 * ROW)
    invoke = flow.processor("Recognize ID Card", "dev.nifiocr.processors.InvokeTencentOCR", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service, "OCR Action": "RecognizeEncryptedIDCardOCR", "Request Source": "FlowFile Content as Request JSON"},
        0, 4 * ROW, terminate=["original"])
    retry = retry_loop(flow, invoke)
    # the fields stay in the content (Response.Name, Response.IdNum, ...): attributes would copy them into provenance
    write = writer(flow, "Write Card Fields", flow.parameter(
        "Output Directory", "Where the decrypted card fields are written (protect it: they are personal data)", "/data/ocr/idcards"), 5)
    flow.connect(compress, encrypt, ["success"])
    flow.connect(encrypt, invoke, ["success"])
    flow.connect(invoke, write, ["success"])
    errors(flow, [(fetch, ["failure", "not.found", "permission.denied"]), (compress, ["failure"]), (encrypt, ["failure"]),
                  (invoke, ["failure"]), (retry, ["retries_exceeded", "failure"]), (write, ["failure"])], invoke, retry, write_input=False)
    return flow


def invoices_to_database():
    flow = Flow("OCR Invoices to Database", "Recognises every bill and invoice on each scan or PDF page with RecognizeGeneralInvoice and "
                "inserts one row per invoice into a database table with PutDatabaseRecord, read by TencentOCRAnswerReader (no Jolt, "
                "no schema to write); failures land in the errors folder.",
                "Folders, database and Tencent Cloud settings of the OCR Invoices to Database flow. Set Tencent Secret ID and "
                "Tencent Secret Key (sensitive), the database and its JDBC driver, create the table (see templates/README.md), "
                "then enable the group's controller services and start the group.")
    service = client_service(flow)
    reader = flow.service("Invoice Records", "dev.nifiocr.records.TencentOCRAnswerReader", OCR_BUNDLE, {
        "Record Shape": "Items", "OCR Action": "${tencent.ocr.action}"},
        [{"type": "org.apache.nifi.serialization.RecordReaderFactory", "bundle": SERVICES_API}])
    database = flow.service("Invoice Database", "org.apache.nifi.dbcp.DBCPConnectionPool", DBCP, {
        "Database Connection URL": flow.parameter("Database Connection URL", "JDBC URL of the database holding the invoices table",
                                                  "jdbc:postgresql://localhost:5432/ocr"),
        "Database Driver Class Name": flow.parameter("Database Driver Class Name", "JDBC driver class, e.g. org.postgresql.Driver",
                                                     "org.postgresql.Driver"),
        "database-driver-locations": flow.parameter("Database Driver Location", "Path of the JDBC driver jar on every NiFi node, "
                                                    "e.g. /opt/nifi/jdbc/postgresql-42.7.5.jar"),
        "Database User": flow.parameter("Database User", "Database user allowed to insert into the table", "nifi"),
        "Password": flow.parameter("Database Password", "Password of the database user", sensitive=True)},
        [{"type": "org.apache.nifi.dbcp.DBCPService", "bundle": SERVICES_API}])
    fetch, compress = intake(flow, "Folder of invoice scans and PDFs")
    invoke = flow.processor("Recognize Invoices", "dev.nifiocr.processors.InvokeTencentOCR", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service, "OCR Action": "RecognizeGeneralInvoice", "Request Source": "FlowFile Content as Image",
        "Request Parameters": "{\"EnableMultiplePage\": false}"}, 0, 3 * ROW, terminate=["original"])
    retry = retry_loop(flow, invoke)
    # one row per invoice; columns the table lacks are ignored, columns the records lack stay NULL (or their default);
    # a database that is down keeps the FlowFile, retried by NiFi with backoff, before it goes to the errors folder
    store = flow.processor("Insert Invoice Rows", "org.apache.nifi.processors.standard.PutDatabaseRecord", STANDARD, {
        "put-db-record-record-reader": reader, "db-type": "PostgreSQL", "put-db-record-statement-type": "INSERT",
        "put-db-record-dcbp-service": database,
        "put-db-record-table-name": flow.parameter("Table Name", "Table the invoice rows are inserted into", "invoices"),
        "put-db-record-translate-field-names": "true", "put-db-record-unmatched-field-behavior": "Ignore Unmatched Fields",
        "put-db-record-unmatched-column-behavior": "Ignore Unmatched Columns"}, 0, 4 * ROW, terminate=["success"], retried=["retry"])
    flow.connect(compress, invoke, ["success"])
    flow.connect(invoke, store, ["success"])
    errors(flow, [(fetch, ["failure", "not.found", "permission.denied"]), (compress, ["failure"]), (invoke, ["failure"]),
                  (retry, ["retries_exceeded", "failure"]), (store, ["failure", "retry"])], invoke, retry)
    return flow


ERROR_RELATIONSHIPS = ("failure", "retry", "retries_exceeded", "not.found", "permission.denied", "unmatched")
# NiFi refuses a demarcator of whitespace only (a form feed alone, as pdftotext writes), so the break is visible
PAGE_BREAK = "\n--- page break ---\n"


def pdfs_to_text():
    flow = Flow("OCR Folder of PDFs to Text", "Splits every PDF of a folder into pages, reads the pages without a text layer with "
                "GeneralBasicOCR and the others locally, merges the pages back in page order and writes one .txt per document "
                "(pages separated by a page break line); a page that fails is retried alone; failures land in the errors folder.",
                "Folders and Tencent Cloud settings of the OCR Folder of PDFs to Text flow. Set Tencent Secret ID and Tencent "
                "Secret Key (sensitive), then enable the group's controller services and start the group.")
    service = client_service(flow)
    listing, fetch = pdf_intake(flow, "Folder of PDF documents to read")
    split = flow.processor("Split into Pages", "dev.nifiocr.processors.SplitDocument", OCR_BUNDLE, {
        "Use Text Layer": flow.parameter("Use Text Layer", "true: pages that carry their own text are read locally, not sent (no cost)", "true"),
        "Minimum Text Layer Characters": flow.parameter("Minimum Text Layer Characters",
                                                        "Visible characters a page's text layer needs to be trusted instead of OCR", "20")},
        0, 2 * ROW, terminate=["original"])
    invoke = flow.processor("Recognize Page Text", "dev.nifiocr.processors.InvokeTencentOCR", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service, "OCR Action": "GeneralBasicOCR", "Request Source": "FlowFile Content as Image",
        "Output Format": "Text"}, 0, 3 * ROW, terminate=["original"])
    retry = retry_loop(flow, invoke)
    # a page that never arrives (failed for good) must not hold its document's bin forever: after Max Bin Age the
    # other pages go to failure, and so to the errors folder
    merge = flow.processor("Merge Pages in Order", "org.apache.nifi.processors.standard.MergeContent", STANDARD, {
        "Merge Strategy": "Defragment", "Merge Format": "Binary Concatenation", "Delimiter Strategy": "Text",
        "Demarcator File": PAGE_BREAK, "Maximum number of Bins": "100", "Max Bin Age": "30 min"}, 0, 4 * ROW, terminate=["original"])
    name = flow.processor("Name Text File", "org.apache.nifi.processors.attributes.UpdateAttribute", UPDATE_ATTRIBUTE, {
        "filename": "${filename:substringBeforeLast('.')}.txt", "mime.type": "text/plain; charset=UTF-8"}, 0, 5 * ROW)
    write = writer(flow, "Write Text", flow.parameter("Output Directory", "Where one .txt per document is written", "/data/ocr/text"), 6)
    flow.connect(listing, fetch, ["success"])
    flow.connect(fetch, split, ["success"])
    flow.connect(split, invoke, ["splits"])
    flow.connect(split, merge, ["text layer"], [(-W // 2 - 60, 2 * ROW + H // 2), (-W // 2 - 60, 4 * ROW + H // 2)])
    flow.connect(invoke, merge, ["success"])
    flow.connect(merge, name, ["merged"])
    flow.connect(name, write, ["success"])
    errors(flow, [(fetch, ["failure", "not.found", "permission.denied"]), (split, ["failure"]), (invoke, ["failure"]),
                  (retry, ["retries_exceeded", "failure"]), (merge, ["failure"]), (write, ["failure"])], invoke, retry)
    return flow


def documents_async():
    flow = Flow("OCR Folder of PDFs to Markdown with Async Jobs", "Sends every PDF of a folder as one asynchronous job (by default "
                "CreateReconstructDocumentFlow: Tencent's document parsing service lkeap turns the whole document into Markdown), "
                "polls the job until it is done, unpacks the result zip and writes its files, one Markdown file per page, to a folder "
                "named after the document; failures land in the errors folder with their attributes.",
                "Folders, Job Action and Tencent Cloud settings of the OCR Folder of PDFs to Markdown with Async Jobs flow. Set Tencent "
                "Secret ID and Tencent Secret Key (sensitive), then enable the group's controller services and start the group.")
    # lkeap's own limit ("体验期间单账号限制qps仅为1"): its submits wait for a permit instead of meeting RequestLimitExceeded
    service = client_service(flow, {"CreateReconstructDocumentFlow": "1"})
    listing, fetch = pdf_intake(flow, "Folder of PDF documents to read (never moved or deleted by the flow)")
    submit = flow.processor("Submit Document Job", "dev.nifiocr.processors.SubmitTencentOCRJob", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service,
        "Job Action": flow.parameter("Job Action", "The Submit...Job Action: CreateReconstructDocumentFlow (lkeap, a whole document to a "
                                     "zip of Markdown, one file per page) or an OCR job Action such as SubmitExtractDocAgentJob, "
                                     "whose JSON answer is written as <name>.json. Tencent bills each job once, at submit",
                                     "CreateReconstructDocumentFlow"),
        "Request Source": "FlowFile Content as Document"}, 0, 2 * ROW)
    retry = retry_loop(flow, submit)
    # running loops back: the penalty is the polling interval; retry (throttled status call, expired result link) too,
    # both bounded by Maximum Job Duration, after which the job goes to failure with Client.JobTimedOut
    status = flow.processor("Wait for Job Result", "dev.nifiocr.processors.GetTencentOCRJobStatus", OCR_BUNDLE, {
        "Tencent Cloud Client Service": service,
        "Maximum Job Duration": flow.parameter("Maximum Job Duration", "A job not done this long after its submit goes to the "
                                               "errors folder (Client.JobTimedOut) instead of being polled again", "1 hour")},
        0, 3 * ROW, penalty="10 sec")
    # the zip's entries keep their folders inside it (path), under a folder named after the document; an answer that is not a
    # zip (the JSON of an OCR job Action) passes through unchanged and is written as it is
    unpack = flow.processor("Unpack Result", "org.apache.nifi.processors.standard.UnpackContent", STANDARD, {
        "Packaging Format": "use mime.type attribute"}, 0, 4 * ROW, terminate=["original"])
    write = writer(flow, "Write Markdown", flow.parameter("Output Directory", "Where each document's Markdown pages are written, in a "
                                                          "folder named after the document", "/data/ocr/markdown")
                   + "/${segment.original.filename:substringBeforeLast('.')}/${path}", 5)
    flow.connect(listing, fetch, ["success"])
    flow.connect(fetch, submit, ["success"])
    flow.connect(submit, status, ["success"])
    x, y = flow.position(status)
    flow.connect(status, status, ["running", "retry"], [(x - 130, y + 30), (x - 130, y + H - 30)])
    flow.connect(status, unpack, ["success"])
    flow.connect(unpack, write, ["success"])
    errors(flow, [(fetch, ["failure", "not.found", "permission.denied"]), (submit, ["failure"]), (retry, ["retries_exceeded", "failure"]),
                  (status, ["failure"]), (unpack, ["failure"]), (write, ["failure"])], submit, retry)
    return flow


def svg(flow):
    """The flow as the canvas shows it: boxes at their positions, connections through their bends, labels where NiFi puts them."""
    boxes = {p["identifier"]: (p["position"]["x"], p["position"]["y"], W, H, p["name"], p["type"].rsplit(".", 1)[1], p["retriedRelationships"])
             for p in flow.processors}
    for f in flow.funnels:
        boxes[f["identifier"]] = (f["position"]["x"], f["position"]["y"], 48, 48, "", "Funnel", [])
    min_x = min(b[0] for b in boxes.values()) - 40
    max_x = max(b[0] + b[2] for b in boxes.values()) + 160
    max_y = max(b[1] + b[3] for b in boxes.values()) + 40

    def centre(box):
        return box[0] + box[2] / 2, box[1] + box[3] / 2

    def edge(box, towards):
        """Where the line from the box's centre towards a point leaves the box."""
        cx, cy = centre(box)
        dx, dy = towards[0] - cx, towards[1] - cy
        if dx == 0 and dy == 0:
            return cx, cy
        scale = min(box[2] / 2 / abs(dx) if dx else float("inf"), box[3] / 2 / abs(dy) if dy else float("inf"))
        return cx + dx * scale, cy + dy * scale

    lines, labels = [], []
    for c in flow.connections:
        source, destination = boxes[c["source"]["id"]], boxes[c["destination"]["id"]]
        bends = [(b["x"], b["y"]) for b in c["bends"]]
        first = bends[0] if bends else centre(destination)
        last = bends[-1] if bends else centre(source)
        points = [edge(source, first)] + bends + [edge(destination, last)]
        relationships = c["selectedRelationships"]
        colour = "#b04a4a" if any(r in ERROR_RELATIONSHIPS for r in relationships) else "#4a4a4a"
        path = " ".join(f"{x:.0f},{y:.0f}" for x, y in points)
        lines.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" marker-end="url(#a)"/>')
        if relationships:
            lx, ly = bends[c["labelIndex"]] if bends else ((points[0][0] + points[-1][0]) / 2, (points[0][1] + points[-1][1]) / 2)
            text = ", ".join(relationships)
            width = 9 * len(text) + 16
            labels.append(f'<rect x="{lx - width / 2:.0f}" y="{ly - 14:.0f}" width="{width}" height="26" rx="4" fill="#fff" stroke="{colour}"/>'
                          f'<text x="{lx:.0f}" y="{ly + 5:.0f}" text-anchor="middle" fill="{colour}" font-size="16">{text}</text>')
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{min_x} -90 {max_x - min_x} {max_y + 90}" font-family="sans-serif" font-size="20">',
           '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
           f'<text x="{min_x + 10}" y="-45" font-size="28" font-weight="bold">{flow.name}</text>']
    out += lines
    for x, y, w, h, name, kind, retried in boxes.values():
        if kind == "Funnel":
            out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="24" fill="#f4f4f4" stroke="#333"/>'
                       f'<text x="{x + w + 10}" y="{y + 30}" fill="#555">errors</text>')
            continue
        fill = "#e3eefa" if kind in ("InvokeTencentOCR", "EncryptOCRPayload", "CompressImage", "SubmitTencentOCRJob", "GetTencentOCRJobStatus") else "#f4f4f4"
        note = f'<text x="{x + 14}" y="{y + 104}" fill="#b04a4a" font-size="17">NiFi retries {", ".join(retried)} (10x, backoff)</text>' if retried else ""
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{fill}" stroke="#333" stroke-width="1.5"/>'
                   f'<text x="{x + 14}" y="{y + 38}" font-weight="bold">{name}</text><text x="{x + 14}" y="{y + 70}" fill="#555">{kind}</text>{note}')
    out += labels
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    for file_name, flow in [("ocr-folder-to-text", folder_to_text()), ("ocr-id-cards-encrypted", id_cards()), ("ocr-invoices-to-database", invoices_to_database()),
                            ("ocr-pdfs-to-text", pdfs_to_text()), ("ocr-documents-async", documents_async())]:
        with open(f"templates/{file_name}.json", "w", encoding="utf-8") as out:
            json.dump(flow.snapshot(), out, indent=2, ensure_ascii=False)
            out.write("\n")
        with open(f"templates/{file_name}.svg", "w", encoding="utf-8") as out:
            out.write(svg(flow))


if __name__ == "__main__":
    main()
