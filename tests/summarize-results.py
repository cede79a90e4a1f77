#!/usr/bin/env python3
"""Totals a test run's results: prints failed tests, then "N passed, M failed".

Reads the TRX files of the .NET test projects (tests/*/*.Tests.csproj) and the JUnit XML files of
the Node suites (tests/*/package.json, written as RESULTS_DIR/<suite>.junit.xml).
A test project or suite whose results are missing, unreadable or empty counts as one failure.

Usage: summarize-results.py RESULTS_DIR EXTRA_FAILURES
Exit status 0 only when nothing failed and at least one test ran.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def trx_results(results_dir):
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
    return passed, failed, failures


def junit_results(results_dir):
    """Node suites: each test case passes unless it holds a <failure> or <error>; skipped ones don't count."""
    passed = failed = 0
    failures = []
    for package in sorted(glob.glob("tests/*/package.json")):
        suite = os.path.basename(os.path.dirname(package))
        path = os.path.join(results_dir, f"{suite}.junit.xml")
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as error:
            failed += 1
            failures.append(f"{suite}: the suite wrote no readable results ({error})")
            continue
        cases = list(junit_cases(root, []))
        if not cases:
            failed += 1
            failures.append(f"{suite}: the suite ran no tests")
        for name, case in cases:
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append(f"{suite}: {name}")
            elif case.find("skipped") is not None:
                print(f"SKIPPED {suite}: {name}")
            else:
                passed += 1
    return passed, failed, failures


def junit_cases(element, suites):
    """Yields (name, testcase) pairs, the name prefixed with the enclosing <testsuite> names."""
    for child in element:
        if child.tag == "testsuite":
            yield from junit_cases(child, suites + [child.get("name", "")])
        elif child.tag == "testcase":
            yield " > ".join(suites + [child.get("name", "")]), child


def main():
    results_dir, extra = sys.argv[1], int(sys.argv[2])
    passed, failed, failures = 0, extra, []
    for summary in (trx_results(results_dir), junit_results(results_dir)):
        passed += summary[0]
        failed += summary[1]
        failures += summary[2]
    for name in failures:
        print(f"FAILED {name}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()
