#!/usr/bin/env python3
"""Generates the OCR answer models that TencentOCRAnswerReader derives its record schemas from, and the emulator's copies
of Tencent's documented example answers.

Run from the repository root with a checkout of TencentCloud/tencentcloud-cli (Tencent's API description, from which the
official SDKs' response model classes are generated):
    python3 tools/generate_answer_models.py PATH/TO/tencentcloud-cli
It reads tccli/services/ocr/v20181119/api.json and examples.json there and writes:
  - nifi-ocr-processors/src/main/resources/dev/nifiocr/records/answer-models.json: for every Action its answer's fields
    and every structure they use, each field as [name, type], type one of string, int, float, bool, a structure's name,
    or [type] for a list (RequestId left out: every answer has it). Actions newer than the API description (in the
    Action reference tools/reference/tencent-ocr-actions.md only) get the fields its "Response:" line lists;
  - nifi-ocr-emulator/src/main/resources/fixtures/<Action>-<n>.json (+ .request.json): every documented example answer
    not there yet (the existing files are checked to hold the same answer).
AnswerModelsTest holds the models to the official SDK's response classes (tencentcloud-sdk-java-ocr, test scope) and to
every example answer; rerun this when Tencent changes the API.
"""
import json
import os
import re
import subprocess
import sys

MODELS = "nifi-ocr-processors/src/main/resources/dev/nifiocr/records/answer-models.json"
FIXTURES = "nifi-ocr-emulator/src/main/resources/fixtures"
REFERENCE = "tools/reference/tencent-ocr-actions.md"
SERVICE = "tccli/services/ocr/v20181119"
SCALARS = {"string": "string", "int": "int", "float": "float", "bool": "bool"}


def member_type(member):
    kind, element = member["type"], member["member"]
    if kind == "list":
        return "[" + SCALARS.get(element, "int" if element in ("int64", "uint64") else element) + "]"
    if kind == "object":
        return element
    return SCALARS[kind]


def reference_only_actions(known):
    """Actions of the reference that the API description lacks, with the fields of their Response line."""
    actions = {}
    name = None
    with open(REFERENCE, encoding="utf-8") as reference:
        for line in reference:
            heading = re.match(r"### (\w+) ", line)
            if heading:
                name = heading.group(1)
            elif name and name not in known and line.startswith("- Response:"):
                fields = re.findall(r"`(\w+)` \((\[?\w+\]?)", line)
                actions[name] = [[field, {"int": "int", "float": "float", "bool": "bool", "string": "string"}.get(kind, kind)]
                                 for field, kind in fields]
    return actions


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    checkout = sys.argv[1]
    with open(os.path.join(checkout, SERVICE, "api.json"), encoding="utf-8") as f:
        api = json.load(f)
    with open(os.path.join(checkout, SERVICE, "examples.json"), encoding="utf-8") as f:
        examples = json.load(f)["actions"]
    commit = subprocess.run(["git", "-C", checkout, "rev-parse", "--short=8", "HEAD"], capture_output=True, text=True).stdout.strip() or "6e53beb5 (release 3.1.155.1)"
    objects = api["objects"]

    actions = {}
    for action in sorted(api["actions"]):
        actions[action] = [[m["name"], member_type(m)] for m in objects[action + "Response"]["members"] if m["name"] != "RequestId"]
    actions.update(reference_only_actions(set(actions)))
    actions = dict(sorted(actions.items()))

    structures = {}

    def collect(type_name):
        name = type_name.strip("[]")
        if name in SCALARS or name in structures:
            return
        if name not in objects:
            sys.exit("Unknown structure " + name)
        structures[name] = [[m["name"], member_type(m)] for m in objects[name]["members"]]
        for _, member in structures[name]:
            collect(member)

    for fields in actions.values():
        for _, kind in fields:
            collect(kind)

    models = {"source": "tencentcloud-cli @ " + commit + " tccli/services/ocr/v20181119/api.json; newer Actions from " + REFERENCE,
              "command": "python3 tools/generate_answer_models.py PATH/TO/tencentcloud-cli",
              "actions": actions, "structures": dict(sorted(structures.items()))}
    os.makedirs(os.path.dirname(MODELS), exist_ok=True)
    with open(MODELS, "w", encoding="utf-8") as out:
        out.write("{\n")
        entries = [f'  "source": {json.dumps(models["source"])}', f'  "command": {json.dumps(models["command"])}']
        for key in ("actions", "structures"):
            lines = [f'    {json.dumps(name)}: {json.dumps(fields, ensure_ascii=False)}' for name, fields in models[key].items()]
            entries.append(f'  "{key}": {{\n' + ",\n".join(lines) + "\n  }")
        out.write(",\n".join(entries) + "\n}\n")

    written = 0
    for action, cases in sorted(examples.items()):
        for number, case in enumerate(cases, start=1):
            answer = json.loads(case["output"])
            path = os.path.join(FIXTURES, f"{action}-{number}.json")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as existing:
                    if json.load(existing) != answer:
                        print("differs from Tencent's example, kept:", path)
                continue
            with open(path, "w", encoding="utf-8") as out:
                out.write(json.dumps(answer, ensure_ascii=False, indent=4) + "\n")
            body = case["input"].split("\n\n", 1)[1] if "\n\n" in case["input"] else "{}"
            try:
                request = json.loads(body)
            except json.JSONDecodeError:
                request = {}
            with open(path.replace(".json", ".request.json"), "w", encoding="utf-8") as out:
                out.write(json.dumps(request, ensure_ascii=False, indent=4) + "\n")
            written += 1
    print(f"{MODELS}: {len(actions)} Actions, {len(structures)} structures; {written} example answers written to {FIXTURES}")


if __name__ == "__main__":
    main()
