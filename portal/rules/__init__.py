"""Domain rules as plain functions: no Flask, no database, each with its own unit tests."""
