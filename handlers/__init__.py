"""Thin Telegram adapters: parse an update, call one service, render, reply."""
