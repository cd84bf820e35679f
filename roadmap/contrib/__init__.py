"""The logic behind contributors' commands (the commands themselves are in scripts/)."""
