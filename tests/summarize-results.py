#!/usr/bin/env python3
"""Totals the TRX files of a test run: prints failed tests, then "N passed, M failed".

Usage: summarize-results.py RESULTS_DIR EXTRA_FAILURES
Exit status 0 only when nothing failed and at least one test ran.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main():
    results_dir, extra = sys.argv[1], int(sys.argv[2])
    passed = failed = 0
    failures = []
    files = sorted(glob.glob(os.path.join(results_dir, "*.trx")))
    for path in files:
        root = ET.parse(path).getroot()
        counters = root.find("t:ResultSummary/t:Counters", NS)
        if counters is not None:
            passed += int(counters.get("passed", 0))
            failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
        for result in root.iterfind("t:Results/t:UnitTestResult", NS):
            if result.get("outcome") == "Failed":
                failures.append(result.get("testName"))
    expected_projects = len(glob.glob("tests/*/*.Tests.csproj"))
    if len(files) < expected_projects:
        # A test project that crashed before writing results counts as a failure.
        failed += expected_projects - len(files)
    for name in failures:
        print(f"FAILED {name}")
    failed += extra
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()
