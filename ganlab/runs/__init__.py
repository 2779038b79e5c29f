"""Run folders on disk: the one writer (create, write, rename, delete, import), the index
of runs, the recorder, exports, the gallery and a Snapshot rebuilt from a folder."""
