#!/usr/bin/env python3
"""Generates the OCR Action catalogue from the Action reference kept in this repository.

Run from the repository root: python3 tools/generate_ocr_actions.py
It reads tools/reference/tencent-ocr-actions.md (generated from Tencent's own API description, tccli api.json, and the
SDK history) and writes, in nifi-ocr-processors:
  - src/main/java/dev/nifiocr/request/OcrAction.java: every current Action with its category, display name, what it
    returns, size limit, PDF page parameter, multi-page parameters, OFD support, asynchronous job partner and rate;
  - src/main/java/dev/nifiocr/request/RetiredOcrAction.java: Actions Tencent removed, which saved flows may still name;
  - src/main/resources/dev/nifiocr/request/ocr-action-parameters.properties: request parameter types (ParameterTypes);
  - docs/actions.md: which Actions read PDF pages and how, OFD, asynchronous job pairs, retired Actions.
Rerun it when the reference changes; OcrCatalogueTest holds the generated catalogue to the reference, ActionDocsTest
(dev.nifiocr.request) holds docs/actions.md to the catalogue.

Labels: NiFi 2.3.0 gives a label 246 px where it is narrowest, the ticked option of the open select beside its check mark
(the select's value 270, an option 280, the property table 278; measured in the real UI by tools/measure_select.mjs, kept
in tools/reference/nifi-select.json with the font's character widths). Each label is the Action name, which Tencent's
documentation uses, then a short hint where it fits: "RecognizeGeneralInvoice \u00b7 Invoices". The list is therefore in
Action name order; the category and what the Action reads open each option's description. A hint that would cut the
label stops the generator.
"""
import json
import re
import sys

REFERENCE = "tools/reference/tencent-ocr-actions.md"
SELECT = "tools/reference/nifi-select.json"
# the canvas widths summed per character run up to 1 px short of what Chromium renders (kerning): keep a margin
KERNING_MARGIN_PX = 2
REQUEST = "nifi-ocr-processors/src/main/java/dev/nifiocr/request/"
PARAMETERS = "nifi-ocr-processors/src/main/resources/dev/nifiocr/request/ocr-action-parameters.properties"
ACTIONS_PAGE = "docs/actions.md"
COMMAND = "python3 tools/generate_ocr_actions.py"

# Our functional categories, keyed by the start of the reference's section titles.
CATEGORIES = {"General text": "General Text", "Tables": "Tables", "Cards": "Cards and Certificates",
              "Business licences": "Business Licences", "Invoices": "Bills and Invoices",
              "Vehicles": "Vehicles and Transport", "Smart structuring": "Document Extraction",
              "Education": "Education", "Image enhancement": "Image Enhancement", "Retail": "Retail and Scenes",
              "Token flow": "Token Flow"}

# Action name -> (hint shown after the Action name in the list, empty where the name says it all or nothing fits; what
# the Action reads or does, in its description). The reference's descriptions are Tencent's Chinese text; these are ours.
NAMES = {
    "GeneralBasicOCR": ("Printed text", "Printed text in 20 languages, with positions"),
    "GeneralAccurateOCR": ("Accurate", "High-accuracy printed and handwritten text, with positions"),
    "GeneralEfficientOCR": ("Lightweight", "Printed text, lightweight edition"),
    "GeneralFastOCR": ("Printed text, fast", "Printed text, high-speed edition"),
    "GeneralHandwritingOCR": ("", "Handwritten text"),
    "EnglishOCR": ("English text", "English text, with word candidates"),
    "TextDetect": ("Text detection", "Detects whether an image contains text at all"),
    "AdvertiseOCR": ("Advertisement text", "Text on advertisements and posters"),
    "QrcodeOCR": ("QR and barcodes", "QR codes and barcodes"),
    "RecognizeAgent": ("Text agent (LLM)", "Judges, classifies, summarises or extracts custom fields from an image (LLM)"),
    "TableOCR": ("Table v1 (legacy)", "Tables, version 1 (no longer upgraded; prefer version 2 or 3)"),
    "RecognizeTableOCR": ("Table v2", "Tables, returned as cells and an Excel file"),
    "RecognizeTableAccurateOCR": ("", "Tables, high accuracy"),
    "IDCardOCR": ("Chinese ID card", "Chinese resident ID card, front or back, with quality and forgery warnings"),
    "RecognizeEncryptedIDCardOCR": ("", "Chinese resident ID card with encrypted request and response"),
    "RecognizeValidIDCardOCR": ("", "Valid Chinese identity documents with anti-forgery checks"),
    "HKIDCardOCR": ("Hong Kong ID card", "Hong Kong identity card"),
    "MLIDCardOCR": ("Malaysian ID card", "Malaysian identity card"),
    "MLIDPassportOCR": ("Passports, MRZ", "Passports of many countries and regions (machine-readable zone)"),
    "PassportOCR": ("Chinese passport", "Passport of mainland China"),
    "PermitOCR": ("Exit-entry permit", "Exit-entry permit for Hong Kong, Macao and Taiwan"),
    "MainlandPermitOCR": ("Travel permit", "Mainland travel permits for Hong Kong, Macao and Taiwan residents"),
    "RecognizeThaiIDCardOCR": ("", "Thai identity card"),
    "ResidenceBookletOCR": ("Hukou", "Household register (hukou) booklet"),
    "BankCardOCR": ("Bank card", "Bank card number, bank and validity"),
    "BusinessCardOCR": ("Business card", "Business card contact fields"),
    "ClassifyDetectOCR": ("Card type", "Classifies which kind of card or certificate an image shows"),
    "RecognizeGeneralCardWarn": ("", "Copy, re-shoot and PS warnings for cards and certificates"),
    "VerifyGeneralCardWarn": ("LLM check", "Tampering, AI synthesis and quality checks for cards (LLM)"),
    "BizLicenseOCR": ("Business licence", "Business licence"),
    "EnterpriseLicenseOCR": ("Certificates", "Enterprise certificates and licences"),
    "EstateCertOCR": ("Real estate", "Real estate title certificate"),
    "VerifyBizLicenseEnterprise3": ("", "Verifies two or three business licence facts"),
    "VerifyBizLicenseEnterprise4": ("", "Verifies four business licence facts"),
    "SealOCR": ("Official seal", "Official seals and stamps"),
    "VatInvoiceOCR": ("VAT invoice", "VAT invoice"),
    "VatInvoiceVerifyNew": ("Tax authority", "Verifies a VAT invoice against the tax authority"),
    "VerifyOfdVatInvoiceOCR": ("", "OFD electronic invoice file"),
    "RecognizeGeneralInvoice": ("Invoices", "Any of 25 bill and invoice types, several per image"),
    "MixedInvoiceOCR": ("Mixed invoices", "Several mixed invoices pasted on one page"),
    "MixedInvoiceDetect": ("Invoice types", "Classifies the invoices pasted on one page"),
    "TrainTicketOCR": ("Train ticket", "Train ticket"),
    "CarInvoiceOCR": ("Purchase invoice", "Vehicle purchase invoice"),
    "RecognizeMedicalInvoiceOCR": ("", "Medical bills and invoices"),
    "BankSlipOCR": ("Bank receipt slip", "Bank receipt slip"),
    "WaybillOCR": ("Waybill", "Shipping waybill"),
    "DriverLicenseOCR": ("Driving licence", "Driving licence"),
    "VehicleLicenseOCR": ("Vehicle licence", "Vehicle licence (registration card)"),
    "VehicleRegCertOCR": ("Registration", "Motor vehicle registration certificate"),
    "LicensePlateOCR": ("Licence plate", "Licence plates"),
    "VinOCR": ("Vehicle ID number", "Vehicle identification number (VIN)"),
    "RideHailingDriverLicenseOCR": ("", "Ride-hailing driver licence"),
    "RideHailingTransportLicenseOCR": ("", "Ride-hailing transport licence"),
    "SmartStructuralOCR": ("Key-values", "Key-value fields from any structured document"),
    "ExtractDocBasic": ("Document fields", "Document field extraction, basic edition"),
    "ExtractDocMulti": ("Fields, multimodal", "Document field extraction, multimodal edition"),
    "ExtractDocAgent": ("Fields, agent", "Document field extraction agent, synchronous"),
    "SubmitExtractDocAgentJob": ("", "Submits an asynchronous document extraction job"),
    "DescribeExtractDocAgentJob": ("", "Reads the state and result of a document extraction job"),
    "MultimodalDocParse": ("To Markdown", "Parses a PDF, Word, PowerPoint or other file into Markdown and JSON (by URL)"),
    "ArithmeticOCR": ("Arithmetic", "Arithmetic exercises and their correctness"),
    "QuestionOCR": ("Exam questions", "Exam questions"),
    "QuestionSplitOCR": ("Exam paper split", "Splits an exam paper into questions"),
    "QuestionSplitLayoutOCR": ("Layout", "Detects the layout of exam questions"),
    "RecognizeFormulaOCR": ("Formulas", "Mathematical formulas (Tencent is retiring this Action)"),
    "HandwritingEssayOCR": ("Essays", "Handwritten Chinese and English essays"),
    "SubmitMarkEssayAgentJob": ("", "Submits an essay grading job"),
    "DescribeMarkEssayAgentJob": ("", "Reads the state and result of an essay grading job"),
    "SubmitQuestionMarkAgentJob": ("", "Submits an exam question grading job"),
    "DescribeQuestionMarkAgentJob": ("", "Reads the state and result of a question grading job"),
    "SubmitQuestionSplitJob": ("", "Submits a job splitting an exam paper (images or one PDF) into questions"),
    "DescribeQuestionSplitJob": ("", "Reads the state and questions of an exam paper split job"),
    "EraseHandwrittenImageOCR": ("Exams", "Erases handwriting from an exam paper image"),
    "ImageEnhancement": ("Text images", "Enhances a text image (shadows, sharpness, colour)"),
    "CropEnhanceImageOCR": ("Doc photo", "Crops, deskews and enhances a document photo"),
    "RecognizeStoreName": ("Shop front", "Store name on a shop front photo"),
    "ClassifyStoreName": ("Shop photos", "Classifies shop photos"),
    "VerifyScenePhoto": ("Forgery (LLM)", "Tampering and re-shoot checks for scene photos (LLM)"),
    "GetOCRToken": ("Capture page token", "Creates a token for Tencent's H5 capture page"),
    "GetOCRResult": ("Capture page result", "Reads the result of an H5 capture token"),
}

TYPES = {"string": "STRING", "bool": "BOOLEAN", "int": "INTEGER", "float": "NUMBER", "int64": "INTEGER"}
RATE_UNITS = {"次/秒": ("requests/s", 1.0), "次/分钟": ("requests/min", 1 / 60), "张/分钟": ("images/min", 1 / 60)}
# Tencent's default limit when an image Action's parameter text states none: the most any current Action accepts.
DEFAULT_LIMIT_MB = 10
MAX_FIELDS_SHOWN = 8


def sections(text):
    """The reference's level-2 sections, title -> body."""
    parts = re.split(r"^## ", text, flags=re.M)
    return {part.split("\n", 1)[0].strip(): part.split("\n", 1)[1] for part in parts[1:]}


def table_rows(body):
    """Cells of each Markdown table row, header and separator rows left out."""
    rows = []
    for line in body.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def code_names(cell):
    return re.findall(r"`(\w+)`", cell)


def parse_actions(all_sections):
    actions = []
    for title, body in all_sections.items():
        category = next((label for prefix, label in CATEGORIES.items() if title.startswith(prefix)), None)
        if category is None:
            continue
        for block in re.split(r"^### ", body, flags=re.M)[1:]:
            name = re.match(r"(\w+) — ", block).group(1)
            action = {"name": name, "category": category, "params": {}, "returns": [],
                      "newer": "NEWER THAN SDK" in block.split("\n", 1)[0]}
            header = re.search(r"^- Default QPS: (.*); size limit in param text: (.*); status: (\w+)", block, re.M)
            action["rate"], action["limit"], action["status"] = header.groups()
            for match in re.finditer(r"^  - `(\w+)\*?` \(([^)]*)\)", block, re.M):
                action["params"][match.group(1)] = match.group(2)
            response = re.search(r"^- Response: (.*)$", block, re.M).group(1)
            for match in re.finditer(r"`(\w+)` \((?:[^()]|\([^()]*\))*\)( \(deprecated\))?", response):
                if not match.group(2):
                    action["returns"].append(match.group(1))
            actions.append(action)
    return actions


def parse_pdf(body, by_name):
    """Fills in which Actions read a PDF, how they pick the page, and which read several pages in one call."""
    part_b = body.split("### B.", 1)[1].split("### C.", 1)[0]
    part_c = body.split("### C.", 1)[1].split("### D.", 1)[0]
    for row in table_rows(part_b)[1:]:
        if row[1] == "none" and row[2] == "none":
            for name in re.findall(r"\w+", row[0]):
                by_name[name]["pdf_without_page"] = True
    for row in table_rows(part_c)[1:]:
        name = re.match(r"\w+", row[0]).group(0)
        limit = re.search(r"(?:first |前|最多支持)(\d+) ?(?:pages|页)", row[2])
        by_name[name]["multi_page"] = code_names(row[1])
        by_name[name]["max_pages"] = 0 if "no maximum" in row[2] or limit is None else int(limit.group(1))


def page_parameter(params):
    if "IsPdf" in params:
        return "IS_PDF"
    if "EnablePdf" in params:
        return "ENABLE_PDF"
    if "PdfPageIndex" in params:
        return "PDF_PAGE_INDEX"
    if "PdfPageNumber" in params:
        return "PDF_PAGE_NUMBER"
    return "NONE"


def parse_ofd(body):
    return set(re.findall(r"^- \*\*(\w+)\*\*", body, re.M))


def parse_jobs(body, by_name):
    for row in table_rows(body):
        pair = re.match(r"(\w+) → (\w+)", row[0])
        # status values mark a job queue; the H5 token flow has none
        if pair and pair.group(1) in by_name and "`WAIT`" in row[4]:
            by_name[pair.group(1)].update(partner=pair.group(2), submits=True)
            by_name[pair.group(2)].update(partner=pair.group(1), submits=False)


def top_level_items(cell):
    """Splits "A (note, with commas), B" at the commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in cell:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    return items + [current.strip()]


def parse_retired(body, current):
    retired = []
    for row in table_rows(body)[1:]:
        release, date = re.match(r"([\d.]+) \(([\d-]+)\)", row[0]).groups()
        for item in top_level_items(row[1]):
            name, note = re.match(r"(\w+)\s*(.*)", item).groups()
            alias = re.search(r"alias of (\w+)", note)
            successor = re.search(r"→ (\w+)", note)
            retired.append({"name": name, "release": release, "date": date,
                            "alias": alias.group(1) if alias else None,
                            "successor": successor.group(1) if successor and successor.group(1) in current else None})
    return retired


def rate(text):
    match = re.match(r"(\d+)(次/秒|次/分钟|张/分钟)$", text)
    if match:
        unit, per_second = RATE_UNITS[match.group(2)]
        return "%s %s" % (match.group(1), unit), int(match.group(1)) * per_second
    match = re.match(r"(\d+) 并发$", text)
    if match:
        return "%s concurrent requests" % match.group(1), 0.0
    return "", 0.0


def constant(name):
    return re.sub(r"\W+", "_", name).strip("_").upper()


def java(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def description(action):
    """What the Action's tooltip says: what it reads, what it returns, its limits."""
    parts = ["%s: %s." % (action["category"], NAMES[action["name"]][1])]
    fields = action["returns"]
    if fields:
        shown = ", ".join(fields[:MAX_FIELDS_SHOWN])
        parts.append("Returns %s%s." % (shown, " and %d more fields" % (len(fields) - MAX_FIELDS_SHOWN) if len(fields) > MAX_FIELDS_SHOWN else ""))
    if action["image_limit"]:
        parts.append("Image up to %d MB after Base64." % action["image_limit"])
    elif not any(name.startswith(("Image", "File", "Ofd")) for name in action["params"]):
        parts.append("Takes no image: use Request Parameters Only.")
    kind = action["page"]
    if kind != "NONE":
        switch = {"IS_PDF": "IsPdf=true, ", "ENABLE_PDF": "EnablePdf, ", "PDF_PAGE_INDEX": "EnablePdfRecognize, "}.get(kind, "")
        page = "PdfPageIndex from 0" if kind == "PDF_PAGE_INDEX" else "PdfPageNumber from 1"
        parts.append("PDF: one page per call (%s%s)." % (switch, page))
    elif action["pdf"]:
        parts.append("Reads PDF.")
    if action["multi_page"]:
        parts.append("Several pages in one call: %s%s." % (", ".join(action["multi_page"]),
                                                          " (at most %d pages)" % action["max_pages"] if action["max_pages"] else ""))
    if action["ofd"] != "NONE":
        parts.append("Reads OFD%s." % (" (first page only)" if action["ofd"] == "FIRST_PAGE" else ""))
    if action.get("partner"):
        parts.append("Asynchronous job: %s %s." % ("read its result with" if action["submits"] else "reads a job submitted by", action["partner"]))
    if action["status"] == "deprecated":
        parts.append("Deprecated by Tencent.")
    if action["newer"]:
        parts.append("Newer than the SDK this list follows: verify before use.")
    if action["rate_text"]:
        parts.append("Default limit %s per account." % action["rate_text"])
    return " ".join(parts)


def display_name(action):
    hint = NAMES[action["name"]][0]
    return action["name"] + (" \u00b7 " + hint if hint else "")


def check_labels_fit(actions):
    """Stops when a label would be cut in NiFi's select: its width in the measured font must fit where it is narrowest."""
    select = json.load(open(SELECT, encoding="utf-8"))
    widths = select["advanceWidthsPx"]
    room = select["narrowestPx"] - KERNING_MARGIN_PX
    too_wide = ["%s (%.0f px)" % (display_name(a), sum(widths[c] for c in display_name(a))) for a in actions
                if sum(widths[c] for c in display_name(a)) > room]
    if too_wide:
        sys.exit("labels wider than the %d px NiFi's select shows (%s): shorten their hints in NAMES: %s"
                 % (select["narrowestPx"], SELECT, ", ".join(too_wide)))


def main():
    if len(sys.argv) > 1:
        sys.exit("usage: " + COMMAND + "  (reads " + REFERENCE + ")")
    text = open(REFERENCE, encoding="utf-8").read()
    version = re.match(r"# Tencent Cloud OCR (\d{4}-\d{2}-\d{2})", text).group(1)
    service = re.search(r"signing service `(\w+)`, version `" + version + "`", text).group(1)
    all_sections = sections(text)
    actions = parse_actions(all_sections)
    assert sorted(a["name"] for a in actions) == sorted(NAMES), set(NAMES) ^ {a["name"] for a in actions}
    by_name = {a["name"]: a for a in actions}
    for action in actions:
        action.update(multi_page=[], max_pages=0, pdf_without_page=False)
    parse_pdf(all_sections["Multi-page PDF"], by_name)
    parse_jobs(all_sections["Asynchronous jobs"], by_name)
    ofd = parse_ofd(all_sections["OFD input"])
    for action in actions:
        params = action["params"]
        action["page"] = page_parameter(params)
        action["pdf"] = action["page"] != "NONE" or action["pdf_without_page"] or bool(action["multi_page"])
        stated = re.match(r"(\d+) MB", action["limit"])
        action["image_limit"] = (int(stated.group(1)) if stated else DEFAULT_LIMIT_MB) if "ImageBase64" in params else 0
        action["ofd"] = "OFD_PARAMETERS" if "OfdFileBase64" in params else "FIRST_PAGE" if action["name"] in ofd else "NONE"
        action["rate_text"], action["rate_per_second"] = rate(action["rate"])
    retired = parse_retired(next(body for title, body in all_sections.items() if title.startswith("Removed Actions")), by_name)

    # Sorted by label, so by Action name: the NiFi list shows the choices in this order, and typing a name's first
    # letters in the open list jumps to it.
    check_labels_fit(actions)
    actions.sort(key=lambda a: display_name(a).lower())
    constants = []
    for a in actions:
        # one line of facts, one of returned fields, one of description: the catalogue stays a table to read down
        constants.append("    %s(Category.%s, %s, %d, %s, PageParameter.%s, %s, %d, Ofd.%s, %s, %s, %s, %s,\n            %s,\n            %s)" % (
            a["name"], constant(a["category"]), java(NAMES[a["name"]][0]), a["image_limit"], "true" if a["pdf"] else "false", a["page"],
            java(",".join(a["multi_page"])), a["max_pages"], a["ofd"], java(a["partner"]) if a.get("partner") else "null",
            "true" if a.get("submits") else "false", java(a["rate_text"]), repr(a["rate_per_second"]),
            java(",".join(a["returns"])), java(description(a))))
    categories = sorted({a["category"] for a in actions})
    write(REQUEST + "OcrAction.java", ACTION_TEMPLATE
          .replace("%CONSTANTS%", ",\n".join(constants) + ";")
          .replace("%COUNT%", str(len(actions)))
          .replace("%SERVICE%", service).replace("%VERSION%", version)
          .replace("%CATEGORIES%", ",\n".join("        %s(%s)" % (constant(c), java(c)) for c in categories) + ";"))
    write(REQUEST + "RetiredOcrAction.java", RETIRED_TEMPLATE
          .replace("%COUNT%", str(len(retired)))
          .replace("%CONSTANTS%", ",\n".join("    %s(%s, %s, %s, %s)" % (
              r["name"], java(r["release"]), java(r["date"]), java(r["alias"]) if r["alias"] else "null",
              java(r["successor"]) if r["successor"] else "null") for r in sorted(retired, key=lambda r: r["name"])) + ";"))
    lines = ["# Generated by %s from %s: request parameter types per Action; do not edit by hand\n" % (COMMAND, REFERENCE)]
    for a in sorted(actions, key=lambda a: a["name"]):
        for name, declared in a["params"].items():
            lines.append("%s.%s=%s\n" % (a["name"], name, "ARRAY" if declared.startswith("[") else TYPES.get(declared, "OBJECT")))
    write(PARAMETERS, "".join(lines))
    write(ACTIONS_PAGE, "# OCR Actions: PDF pages, OFD, asynchronous jobs, retired Actions\n\n<!-- " + GENERATED + " -->\n\n"
          + "InvokeTencentOCR's `OCR Action` offers the %d current Actions of API %s by the name Tencent's documentation uses;\n" % (len(actions), version)
          + "each option's description (hover it in NiFi) gives its category, what it returns, its size limit, how it reads PDF\n"
          + "pages and its default rate. This page lists the Actions by what they read.\n\n"
          + action_docs(actions, retired))


PAGE_ROWS = [("IS_PDF", "`IsPdf` = true, `PdfPageNumber` from 1"), ("ENABLE_PDF", "`EnablePdf` (default true), `PdfPageNumber` from 1"),
             ("PDF_PAGE_NUMBER", "`PdfPageNumber` from 1 (PDF recognised from the content)"),
             ("PDF_PAGE_INDEX", "`EnablePdfRecognize` (default true), `PdfPageIndex` from **0**")]


def action_docs(actions, retired):
    """The Markdown of docs/actions.md that lists Actions by what they read."""
    by_name = sorted(actions, key=lambda a: a["name"])
    out = ["## PDF pages", "",
           "One call reads one page of a PDF, picked by the page parameter (a dynamic property, e.g. `PdfPageNumber` = 3).",
           "With Request Source `FlowFile Content as Image`, a PDF sets the switch itself. Each page is a separate, billed call.", "",
           "| Page parameter | Actions |", "|---|---|"]
    for kind, label in PAGE_ROWS:
        out.append("| %s | %s |" % (label, ", ".join(a["name"] for a in by_name if a["page"] == kind)))
    unpaged = [a["name"] for a in by_name if a["pdf"] and a["page"] == "NONE"]
    out.append("| none: reads the PDF, no page to pick | %s |" % ", ".join(unpaged))
    out += ["", "Several pages in one call:", "", "| Action | Parameters | At most |", "|---|---|---|"]
    for a in by_name:
        if a["multi_page"]:
            out.append("| %s | %s | %s |" % (a["name"], ", ".join("`%s`" % p for p in a["multi_page"]),
                                             "%d pages" % a["max_pages"] if a["max_pages"] else "not stated"))
    out += ["", "## OFD", ""]
    for a in by_name:
        if a["ofd"] == "OFD_PARAMETERS":
            out.append("- %s: `OfdFileBase64` or `OfdFileUrl`, `OfdPageNumber` picks the page (Request Source `Request Parameters Only`" % a["name"]
                       + " or `FlowFile Content as Request JSON`)." )
        elif a["ofd"] == "FIRST_PAGE":
            out.append("- %s: Tencent's description says it reads the first page of an OFD e-invoice; how the file is passed is not documented." % a["name"])
    out += ["", "With Request Source `FlowFile Content as Image`, content that is an OFD (a ZIP archive with `OFD.xml` at its root; the",
            "file name does not matter) is sent as `OfdFileBase64` to %s (`OfdPageNumber` stays yours; Tencent's"
            % ", ".join(a["name"] for a in by_name if a["ofd"] == "OFD_PARAMETERS"),
            "default is page 1), as `ImageBase64` to %s, and refused before any call with"
            % ", ".join(a["name"] for a in by_name if a["ofd"] == "FIRST_PAGE"),
            "`Client.OfdNotSupported` (to `failure`) for every other Action."]
    out += ["", "## Asynchronous jobs", "",
            "A Submit Action returns a job id; its Describe Action, called with `JobId`, returns `JobStatus` (WAIT, RUN, FAIL, DONE) and the result.", "",
            "| Submit | Describe |", "|---|---|"]
    for a in by_name:
        if a.get("submits"):
            out.append("| %s | %s |" % (a["name"], a["partner"]))
    out += ["", "To follow a job to its whole result without writing the polling loop, use **SubmitTencentOCRJob** and",
            "**GetTencentOCRJobStatus**. They also run Tencent's document parsing service (lkeap, `CreateReconstructDocumentFlow` →",
            "`GetReconstructDocumentResult`: a whole PDF to a zip of Markdown), which has its own host and signing service name and is",
            "therefore not an Action of this processor."]
    aliases = ["`%s` becomes `%s`" % (r["name"], r["alias"]) for r in retired if r["alias"]]
    out += ["", "## Retired Actions", "",
            "Tencent removed these %d Actions: %s." % (len(retired), ", ".join(sorted(r["name"] for r in retired))),
            "A flow saved with one still loads and stays valid: %s; any other becomes a `Custom Action` of the same name," % " and ".join(aliases),
            "so the same request goes out and Tencent's answer sends each FlowFile to `failure` with its code.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def write(path, content):
    with open(path, "w", encoding="utf-8") as out:
        out.write(content)


GENERATED = "Generated by " + COMMAND + " from " + REFERENCE + "; do not edit by hand."

ACTION_TEMPLATE = '''package dev.nifiocr.request;

import java.util.List;
import java.util.Map;

/**
 * Every Action of Tencent Cloud OCR API %VERSION% (%COUNT% Actions), in the order the OCR Action list shows them: by
 * Action name. Each constant: category, the hint shown after the name (empty when none fits), image limit (MB after Base64,
 * 0 for none), PDF, page parameter, multi-page parameters, most pages per call, OFD, job partner, whether it submits the
 * job, default rate (as stated, and per second); then the fields it returns; then its description.
 * ''' + GENERATED + '''
 */
public enum OcrAction implements TencentAction {
%CONSTANTS%

    /** The service name TC3 signs OCR requests with; other Tencent services (lkeap, es) have their own. */
    public static final String SERVICE = "%SERVICE%";
    /** The API version (X-TC-Version) of every OCR Action. */
    public static final String VERSION = "%VERSION%";
    private static final long MEBIBYTE = 1024L * 1024L;

    private final Category category;
    private final String hint;
    private final int imageLimitMebibytes;
    private final boolean pdf;
    private final PageParameter pageParameter;
    private final String multiPageParameters;
    private final int maxPagesPerCall;
    private final Ofd ofd;
    private final String jobPartner;
    private final boolean submitsJob;
    private final String defaultRate;
    private final double defaultRequestsPerSecond;
    private final String returnedFields;
    private final String description;

    OcrAction(final Category category, final String hint, final int imageLimitMebibytes, final boolean pdf, final PageParameter pageParameter,
              final String multiPageParameters, final int maxPagesPerCall, final Ofd ofd, final String jobPartner, final boolean submitsJob,
              final String defaultRate, final double defaultRequestsPerSecond, final String returnedFields, final String description) {
        this.category = category;
        this.hint = hint;
        this.imageLimitMebibytes = imageLimitMebibytes;
        this.pdf = pdf;
        this.pageParameter = pageParameter;
        this.multiPageParameters = multiPageParameters;
        this.maxPagesPerCall = maxPagesPerCall;
        this.ofd = ofd;
        this.jobPartner = jobPartner;
        this.submitsJob = submitsJob;
        this.defaultRate = defaultRate;
        this.defaultRequestsPerSecond = defaultRequestsPerSecond;
        this.returnedFields = returnedFields;
        this.description = description;
    }

    /** The Action name Tencent knows, which flows save: display names may change, values never. */
    @Override
    public String getValue() {
        return name();
    }

    /**
     * The Action name, then a hint where one fits NiFi's select uncut, e.g. "RecognizeGeneralInvoice \\u00b7 Invoices":
     * the name Tencent's documentation uses is never cut.
     */
    @Override
    public String getDisplayName() {
        return hint.isEmpty() ? name() : name() + " \\u00b7 " + hint;
    }

    /** The category and what the Action reads and returns, with its limits. */
    @Override
    public String getDescription() {
        return description;
    }

    public Category getCategory() {
        return category;
    }

    /** The fields of Tencent's answer (besides RequestId), deprecated ones left out. */
    public List<String> returnedFields() {
        return List.of(returnedFields.split(","));
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** Whether the Action takes an image as ImageBase64 or ImageUrl. */
    public boolean acceptsImage() {
        return imageLimitMebibytes > 0;
    }

    /** Largest ImageBase64 value, in characters, that the Action accepts; 0 when it takes no image. */
    public long maxImageBase64Length() {
        return imageLimitMebibytes * MEBIBYTE;
    }

    /** Whether the Action reads PDF input. */
    public boolean acceptsPdf() {
        return pdf;
    }

    /**
     * The boolean request parameter that switches PDF input on (IsPdf, EnablePdf, EnablePdfRecognize); empty when the
     * Action detects PDF by itself, null when it does not accept PDF.
     */
    public String pdfFlag() {
        return pdf ? pageParameter.switchParameter() : null;
    }

    /** How the Action picks the one PDF page it reads. */
    public PageParameter pageParameter() {
        return pageParameter;
    }

    /** The parameters that read several pages in one call (a switch, a page window or a page range); empty when none. */
    public List<String> multiPageParameters() {
        return multiPageParameters.isEmpty() ? List.of() : List.of(multiPageParameters.split(","));
    }

    /** The most pages one call reads with the multi-page parameters, as Tencent states it; 0 when not stated. */
    public int maxPagesPerCall() {
        return maxPagesPerCall;
    }

    public Ofd ofd() {
        return ofd;
    }

    /** The other half of an asynchronous job pair (Submit... / Describe...), or null. */
    @Override
    public OcrAction jobPartner() {
        return jobPartner == null ? null : valueOf(jobPartner);
    }

    @Override
    public boolean submitsJob() {
        return submitsJob;
    }

    /** Every Describe...Job Action names the job in JobId. */
    @Override
    public String jobIdField() {
        return "JobId";
    }

    @Override
    public boolean documentParsing() {
        return false;
    }

    /** Tencent's default rate limit per account as stated, e.g. "20 requests/s"; empty when not stated. */
    public String defaultRate() {
        return defaultRate;
    }

    /** The default rate limit in requests per second; 0 when not stated or stated as concurrent requests. */
    public double defaultRequestsPerSecond() {
        return defaultRequestsPerSecond;
    }

    /** The request parameters Tencent declares for this Action, with their types. */
    @Override
    public Map<String, ParameterTypes.Type> declaredParameters() {
        return ParameterTypes.declaredParameters(name());
    }

    /** How an Action reads OFD, China's layout format for e-invoices. */
    public enum Ofd {
        NONE,
        /** OfdFileBase64 or OfdFileUrl, with OfdPageNumber picking the page. */
        OFD_PARAMETERS,
        /** Tencent's description says the first page of an OFD is read; how it is passed is not documented. */
        FIRST_PAGE
    }

    /** Our functional grouping of the Actions, the first words of each description. */
    public enum Category {
%CATEGORIES%

        private final String label;

        Category(final String label) {
            this.label = label;
        }

        public String getLabel() {
            return label;
        }
    }
}
'''

RETIRED_TEMPLATE = '''package dev.nifiocr.request;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The %COUNT% OCR Actions Tencent removed (absent from the current SDK), which flows saved earlier may still name.
 * ''' + GENERATED + '''
 */
public enum RetiredOcrAction {
%CONSTANTS%

    private static final Map<String, RetiredOcrAction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String removedInSdk;
    private final String removedOn;
    private final String aliasOf;
    private final String successor;

    RetiredOcrAction(final String removedInSdk, final String removedOn, final String aliasOf, final String successor) {
        this.removedInSdk = removedInSdk;
        this.removedOn = removedOn;
        this.aliasOf = aliasOf;
        this.successor = successor;
    }

    /** The retired Action of that name, if it is one. */
    public static Optional<RetiredOcrAction> named(final String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** The first tencentcloud-sdk-java release without the Action. */
    public String removedInSdk() {
        return removedInSdk;
    }

    /** The date of that release, yyyy-MM-dd. */
    String removedOn() {
        return removedOn;
    }

    /** The current Action this was another name of (same request and answer), or null. */
    public OcrAction aliasOf() {
        return aliasOf == null ? null : OcrAction.valueOf(aliasOf);
    }

    /** The current Action Tencent names as its replacement (requests may differ), or null. */
    public OcrAction successor() {
        return successor == null ? null : OcrAction.valueOf(successor);
    }
}
'''

if __name__ == "__main__":
    main()
