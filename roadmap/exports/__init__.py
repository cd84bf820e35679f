"""What the book publishes for machines: curriculum.json, its schema, the Atom feed."""
