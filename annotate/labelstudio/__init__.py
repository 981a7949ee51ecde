"""Label Studio round trip: labelling config, conversion, client, push and pull.

Modules (import the one you need; importing this package loads nothing heavy):

- `config`: the labelling config XML and project instructions, generated from `schema/`. Pure.
- `convert`: Document ⇄ Label Studio task / prediction / annotation result. Pure.
- `client`: the only module that imports `label_studio_sdk`; connection from the environment.
- `push`: `push_tasks(client, docs, *, project) -> PushReport` (idempotent, resumable).
- `pull`: `pull_annotations(client, *, project, out_dir) -> PullReport`.
- `server`: start/stop a local Label Studio in its own venv (standard library only).
"""
