"""`draft-agreement serve`: the upload page and the JSON API on this machine, with uvicorn.

FastAPI and uvicorn are imported only when the command runs, so the rest of the CLI works without them.
"""

from __future__ import annotations

import copy
import ipaddress
from typing import Annotated, Any

import typer

from draft_agreement.cli.common import fail, guarded

TOKEN_ENV = "DRAFT_AGREEMENT_TOKEN"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add the `serve` command to the CLI."""

    @app.command()
    def serve(
        host: Annotated[
            str, typer.Option(help="Address to listen on; the default serves this machine only.")
        ] = ("127.0.0.1"),
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                envvar=TOKEN_ENV,
                help=f"Require 'Authorization: Bearer TOKEN' for the page and the API (prefer ${TOKEN_ENV}: "
                "a command-line token shows in the process list). Open the page as /?token=TOKEN.",
            ),
        ] = None,
        max_upload_mb: Annotated[
            float, typer.Option("--max-upload-mb", min=0.001, help="Refuse larger uploads with 413.")
        ] = 20,
        workers: Annotated[
            int | None,
            typer.Option(min=1, help="Documents processed at once, one process each (default: the CPUs)."),
        ] = None,
        timeout: Annotated[
            float, typer.Option(min=0.1, help="Seconds one document may take before its worker is stopped.")
        ] = 60.0,
        head_timeout: Annotated[
            float,
            typer.Option(
                min=0.1, help="Seconds a request's headers may take; then the connection is closed."
            ),
        ] = 10.0,
        body_timeout: Annotated[
            float, typer.Option(min=0.1, help="Seconds an upload may take to arrive; then the answer is 408.")
        ] = 60.0,
        max_connections: Annotated[
            int, typer.Option(min=1, help="Open connections beyond which new requests are answered 503.")
        ] = 256,
    ) -> None:
        """Serve the upload page and the JSON API (review, redline, draft) with uvicorn.

        Uploads are kept in memory and a per-request temporary folder that is always removed; contract
        text and file names are never logged. OpenAPI description: /openapi.json.
        """
        with guarded("serve"):
            try:
                import uvicorn
                from uvicorn.config import LOGGING_CONFIG

                from draft_agreement.server.app import create_app
                from draft_agreement.server.connections import uvicorn_options
                from draft_agreement.server.settings import MB, ServerSettings
            except ImportError as exc:
                fail(f"serve needs FastAPI and uvicorn ({exc.name} is missing): pip install fastapi uvicorn")
            if not _is_loopback(host) and not token:
                typer.echo(
                    f"draft-agreement: warning: serving on {host} without a token; anyone who can reach "
                    f"this port can upload documents (set ${TOKEN_ENV} or --token)",
                    err=True,
                )
            limits: dict[str, Any] = {
                "token": token or None,
                "max_upload_bytes": int(max_upload_mb * MB),
                "timeout_seconds": timeout,
                "head_timeout_seconds": head_timeout,
                "body_timeout_seconds": body_timeout,
                "max_connections": max_connections,
            }
            if workers is not None:
                limits["workers"] = workers
            settings = ServerSettings(**limits)
            log_config = copy.deepcopy(LOGGING_CONFIG)
            log_config["loggers"]["draft_agreement.server"] = {
                "handlers": ["default"],
                "level": "INFO",
                "propagate": False,
            }
            uvicorn.run(
                create_app(settings), host=host, port=port, log_config=log_config, **uvicorn_options(settings)
            )
