"""Reading the data file: the typed models, the loader and its problems."""
