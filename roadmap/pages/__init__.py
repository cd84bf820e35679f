"""Making pages: the schedule, the book derived from the data, and the templates."""
