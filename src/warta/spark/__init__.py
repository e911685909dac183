"""Run the warta pipeline on Apache Spark (``pip install "warta[spark]"``).

``warta.spark.job`` is the driver side (reading, writing, merging re-runs) and
needs pyspark; ``warta.spark.worker`` is what executors run and ``warta.spark.load``
reads a run's output back into the SQLite store; neither imports pyspark.
See docs/spark.md for cluster use.
"""
