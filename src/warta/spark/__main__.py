"""``spark-submit`` entry point: the same options as ``warta spark``.

ENTRY=$(python -c 'import warta.spark.__main__ as m; print(m.__file__)')
spark-submit --master yarn "$ENTRY" hdfs:///archive/cc-news/ -o hdfs:///warta/out
"""

from __future__ import annotations

import sys

from warta.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["spark", *sys.argv[1:]]))
