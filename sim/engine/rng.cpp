// placeholder: filled in by its area's work
