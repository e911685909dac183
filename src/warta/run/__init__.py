"""Executors: where a pipeline runs. ``warta.run.local`` runs it in this machine's processes."""
