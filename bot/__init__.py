"""Export Desk: checks whether a car may leave China as a used car, and explains why."""
