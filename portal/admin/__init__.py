"""BKPSDM operator pages: org tree, seats, people, periods, calendar."""
