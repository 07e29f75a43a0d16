"""One module per `exportdesk` subcommand; each adds its parser and runs it."""
