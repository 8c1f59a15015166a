# Writes what read_parkwatch() returns as JSON, for the comparison with pandas (tests/test_r.py).
# Usage: Rscript tests/R/dump.R <package> <output.json>
args <- commandArgs(trailingOnly = TRUE)
library(parkwatch)  # installed from R/ (R CMD INSTALL R); the tests install it into a temporary library
tables <- read_parkwatch(args[1])
out <- lapply(tables, function(table) {
  list(
    nrow = nrow(table),
    classes = lapply(table, function(column) class(column)[1]),
    levels = lapply(Filter(is.factor, table), levels),
    values = lapply(table, function(column) {
      if (is.factor(column) || inherits(column, "Date")) as.character(column) else column
    })
  )
})
jsonlite::write_json(out, args[2], digits = NA, na = "null", null = "null")
