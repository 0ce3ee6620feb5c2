"""tools/import_reference.py must reproduce data/drugs.json from the shared reference byte for
byte, so the reviewed data never drifts from its importer. Skipped (exit 77) without the
reference.

    python3 tests/data/import_reference_test.py <importer> <reference> <data>
"""
import pathlib
import subprocess
import sys


def main(importer: str, reference: str, data: str) -> int:
    if not pathlib.Path(reference).is_file():
        print(f"SKIP: no reference at {reference}")
        return 77
    made = subprocess.run([sys.executable, importer, reference], check=True,
                          capture_output=True).stdout
    if made != pathlib.Path(data).read_bytes():
        print(f"{data} differs from what {importer} makes of {reference}: "
              "rerun the importer and review the diff", file=sys.stderr)
        return 1
    print("data/drugs.json is what the importer makes of the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
