#!/usr/bin/env python3
"""Generates OcrAction.java and ocr-action-parameters.properties from the shared Action reference.

Run from the repository root: python3 tools/generate_ocr_actions.py ../shared/reference/tencent-ocr-actions.md
The reference is generated from Tencent's own API description (tccli api.json); rerun this when it changes.
"""
import re
import sys

DESCRIPTIONS = {
    "GeneralBasicOCR": "Printed text in 20 languages, with positions",
    "GeneralAccurateOCR": "High-accuracy printed and handwritten text, with positions",
    "GeneralEfficientOCR": "Printed text, lightweight edition",
    "GeneralFastOCR": "Printed text, high-speed edition",
    "GeneralHandwritingOCR": "Handwritten text",
    "EnglishOCR": "English text, with word candidates",
    "TextDetect": "Detects whether an image contains text at all",
    "AdvertiseOCR": "Text on advertisements and posters",
    "QrcodeOCR": "QR codes and barcodes",
    "RecognizeAgent": "Judges, classifies, summarises or extracts custom fields from an image (LLM)",
    "TableOCR": "Tables, version 1 (no longer upgraded; prefer Recognize Table)",
    "RecognizeTableOCR": "Tables, version 2, returned as cells and an Excel file",
    "RecognizeTableAccurateOCR": "Tables, version 3 (high accuracy)",
    "IDCardOCR": "Chinese resident ID card, front or back, with quality and forgery warnings",
    "RecognizeEncryptedIDCardOCR": "Chinese resident ID card with encrypted request and response",
    "RecognizeValidIDCardOCR": "Valid Chinese identity documents with anti-forgery checks",
    "HKIDCardOCR": "Hong Kong identity card",
    "MLIDCardOCR": "Malaysian identity card",
    "MLIDPassportOCR": "Passports of many countries and regions (machine-readable zone)",
    "PassportOCR": "Passport of mainland China",
    "PermitOCR": "Exit-entry permit for Hong Kong, Macao and Taiwan",
    "MainlandPermitOCR": "Mainland travel permits for Hong Kong, Macao and Taiwan residents",
    "RecognizeThaiIDCardOCR": "Thai identity card",
    "ResidenceBookletOCR": "Household register (hukou) booklet",
    "BankCardOCR": "Bank card number, bank and validity",
    "BusinessCardOCR": "Business card contact fields",
    "ClassifyDetectOCR": "Classifies which kind of card or certificate an image shows",
    "RecognizeGeneralCardWarn": "Copy, re-shoot and PS warnings for cards and certificates",
    "VerifyGeneralCardWarn": "Tampering, AI synthesis and quality checks for cards (LLM)",
    "BizLicenseOCR": "Business licence",
    "EnterpriseLicenseOCR": "Enterprise certificates and licences",
    "EstateCertOCR": "Real estate title certificate",
    "VerifyBizLicenseEnterprise3": "Verifies two or three business licence facts (no image)",
    "VerifyBizLicenseEnterprise4": "Verifies four business licence facts (no image)",
    "SealOCR": "Official seals and stamps",
    "VatInvoiceOCR": "VAT invoice",
    "VatInvoiceVerifyNew": "Verifies a VAT invoice against the tax authority (no image)",
    "VerifyOfdVatInvoiceOCR": "OFD electronic invoice file",
    "RecognizeGeneralInvoice": "Any of 25 bill and invoice types, several per image",
    "MixedInvoiceOCR": "Several mixed invoices pasted on one page",
    "MixedInvoiceDetect": "Classifies the invoices pasted on one page",
    "TrainTicketOCR": "Train ticket",
    "CarInvoiceOCR": "Vehicle purchase invoice",
    "RecognizeMedicalInvoiceOCR": "Medical bills and invoices",
    "BankSlipOCR": "Bank receipt slip",
    "WaybillOCR": "Shipping waybill",
    "DriverLicenseOCR": "Driving licence",
    "VehicleLicenseOCR": "Vehicle licence (registration card)",
    "VehicleRegCertOCR": "Motor vehicle registration certificate",
    "LicensePlateOCR": "Licence plates",
    "VinOCR": "Vehicle identification number (VIN)",
    "RideHailingDriverLicenseOCR": "Ride-hailing driver licence",
    "RideHailingTransportLicenseOCR": "Ride-hailing transport licence",
    "SmartStructuralOCR": "Key-value fields from any structured document",
    "ExtractDocBasic": "Document field extraction, basic edition",
    "ExtractDocMulti": "Document field extraction, multimodal edition",
    "ExtractDocAgent": "Document field extraction agent, synchronous",
    "SubmitExtractDocAgentJob": "Submits an asynchronous document extraction job",
    "DescribeExtractDocAgentJob": "Reads the result of an asynchronous document extraction job (no image)",
    "MultimodalDocParse": "Parses a PDF, Word or PowerPoint file into Markdown and JSON (by URL)",
    "ArithmeticOCR": "Arithmetic exercises and their correctness",
    "QuestionOCR": "Exam questions",
    "QuestionSplitOCR": "Splits an exam paper into questions",
    "QuestionSplitLayoutOCR": "Detects the layout of exam questions",
    "RecognizeFormulaOCR": "Mathematical formulas (deprecated by Tencent)",
    "HandwritingEssayOCR": "Handwritten Chinese and English essays",
    "SubmitMarkEssayAgentJob": "Submits an essay grading job",
    "DescribeMarkEssayAgentJob": "Reads the result of an essay grading job (no image)",
    "SubmitQuestionMarkAgentJob": "Submits an exam question grading job",
    "DescribeQuestionMarkAgentJob": "Reads the result of an exam question grading job (no image)",
    "EraseHandwrittenImageOCR": "Erases handwriting from an exam paper image",
    "ImageEnhancement": "Enhances a text image (shadows, sharpness, colour)",
    "CropEnhanceImageOCR": "Crops, deskews and enhances a document photo",
    "RecognizeStoreName": "Store name on a shop front photo",
    "ClassifyStoreName": "Classifies shop photos",
    "VerifyScenePhoto": "Tampering and re-shoot checks for scene photos (LLM)",
    "GetOCRToken": "Creates a token for Tencent's H5 capture page (no image)",
    "GetOCRResult": "Reads the result of an H5 capture token (no image)",
}

PDF_FLAGS = ("IsPdf", "EnablePdf", "EnablePdfRecognize")
TYPES = {"string": "STRING", "bool": "BOOLEAN", "int": "INTEGER", "float": "NUMBER", "int64": "INTEGER"}


def parse(path):
    actions = []
    category = None
    current = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            category = re.sub(r"\s*/.*", "", line[3:].strip())
            category = {"Cards": "Cards and Certificates", "Invoices": "Bills and Invoices",
                        "Vehicles": "Vehicles and Transport", "Smart structuring": "Document Extraction",
                        "Business licences": "Business Licences", "Token flow (H5": "Token Flow",
                        "Retail": "Retail and Scenes", "General text": "General Text",
                        "Image enhancement": "Image Enhancement"}.get(category, category)
            continue
        match = re.match(r"### (\w+) — ", line)
        if match:
            current = {"name": match.group(1), "category": category, "params": {}, "limit": 0, "deprecated": False}
            actions.append(current)
            continue
        if current is None:
            continue
        match = re.match(r"- Default QPS: .*size limit in param text: (\d+) MB; status: (\w+)", line)
        if match:
            current["limit"] = int(match.group(1))
        if "status: deprecated" in line:
            current["deprecated"] = True
        match = re.match(r"  - `(\w+)\*?` \(([^)]*)\)", line)
        if match:
            current["params"][match.group(1)] = match.group(2)
    return actions


def parameter_type(declared):
    if declared.startswith("["):
        return "ARRAY"
    return TYPES.get(declared, "OBJECT")


def main():
    actions = parse(sys.argv[1])
    assert len(actions) == len(DESCRIPTIONS), (len(actions), len(DESCRIPTIONS))
    constants = []
    for action in actions:
        params = action["params"]
        image = "ImageBase64" in params
        pdf = next((flag for flag in PDF_FLAGS if flag in params), "" if "PdfPageNumber" in params else None)
        limit = action["limit"] if image else 0
        if image and limit == 0:
            limit = 10
        description = DESCRIPTIONS[action["name"]].replace('"', '\\"')
        constants.append('    %s(Category.%s, "%s", %d, %s)' % (
            action["name"], re.sub(r"\W+", "_", action["category"]).strip("_").upper(), description, limit,
            '"%s"' % pdf if pdf is not None else "null"))
    categories = sorted({a["category"] for a in actions}, key=[a["category"] for a in actions].index)
    with open("nifi-ocr-processors/src/main/java/dev/nifiocr/processors/OcrAction.java", "w", encoding="utf-8") as out:
        out.write(TEMPLATE.replace("%CONSTANTS%", ",\n".join(constants) + ";").replace(
            "%COUNT%", str(len(actions))).replace("%CATEGORIES%", ",\n".join(
                '        %s("%s")' % (re.sub(r"\W+", "_", c).strip("_").upper(), c) for c in categories) + ";"))
    with open("nifi-ocr-processors/src/main/resources/dev/nifiocr/processors/ocr-action-parameters.properties", "w",
              encoding="utf-8") as out:
        out.write("# Generated by tools/generate_ocr_actions.py: request parameter types per Action\n")
        for action in actions:
            for name, declared in action["params"].items():
                out.write("%s.%s=%s\n" % (action["name"], name, parameter_type(declared)))


TEMPLATE = '''package dev.nifiocr.processors;

import org.apache.nifi.components.DescribedValue;

/**
 * Every Action of Tencent Cloud OCR API 2018-11-19 (%COUNT% Actions).
 * Generated by tools/generate_ocr_actions.py from Tencent's API description; do not edit by hand.
 */
public enum OcrAction implements DescribedValue {
%CONSTANTS%

    private static final long MEBIBYTE = 1024L * 1024L;

    private final Category category;
    private final String summary;
    private final int imageLimitMebibytes;
    private final String pdfFlag;

    OcrAction(final Category category, final String summary, final int imageLimitMebibytes, final String pdfFlag) {
        this.category = category;
        this.summary = summary;
        this.imageLimitMebibytes = imageLimitMebibytes;
        this.pdfFlag = pdfFlag;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return name();
    }

    @Override
    public String getDescription() {
        return category.label + ": " + summary + ".";
    }

    public Category getCategory() {
        return category;
    }

    /** Whether the Action takes an image as ImageBase64 or ImageUrl. */
    public boolean acceptsImage() {
        return imageLimitMebibytes > 0;
    }

    /** Largest ImageBase64 value, in characters, that the Action accepts; 0 when it takes no image. */
    public long maxImageBase64Length() {
        return imageLimitMebibytes * MEBIBYTE;
    }

    /** Whether the Action accepts a PDF page in ImageBase64. */
    public boolean acceptsPdf() {
        return pdfFlag != null;
    }

    /**
     * The boolean request parameter that switches PDF input on (IsPdf, EnablePdf...); empty when the Action
     * detects PDF by itself, null when it does not accept PDF.
     */
    public String pdfFlag() {
        return pdfFlag;
    }

    /** The functional group an Action belongs to, as shown in the Action descriptions. */
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

if __name__ == "__main__":
    main()
