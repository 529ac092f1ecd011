"""Data-quality rules: find the holes and jumps that would make a monthly number wrong."""
