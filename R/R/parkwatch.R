# Read the ParkWatch data package in R: every table as a data frame, typed from its Table Schema.
#
#   source("R/parkwatch.R")
#   tables <- read_parkwatch("datapackage")
#   merge(tables$targets, tables$parks, by = "park_id")
#
# Needs jsonlite and readr, plus digest for sha256 (R before 4.5 has no sha256 of its own;
# from R 4.5 on, tools::sha256sum is used and digest is not needed).
# Types: string -> character, integer -> integer, number -> double, boolean -> logical,
# date -> Date, and a field with allowed values -> factor with those values as levels.
# Doubles hold whole yuan exactly up to 2^53 (about 9e15); the Parquet files keep exact decimals.

parkwatch_sha256 <- function(bytes) {
  tools_ns <- asNamespace("tools")
  if (exists("sha256sum", envir = tools_ns, inherits = FALSE)) {
    file <- tempfile()
    on.exit(unlink(file))
    writeBin(bytes, file)
    return(unname(get("sha256sum", envir = tools_ns)(file)))
  }
  if (!requireNamespace("digest", quietly = TRUE)) {
    stop("parkwatch: checking sha256 needs R >= 4.5 or the digest package ",
         "(Debian: apt-get install r-cran-digest)", call. = FALSE)
  }
  digest::digest(bytes, algo = "sha256", serialize = FALSE)
}

# The file's bytes, read once and checked against the descriptor's size and sha256.
parkwatch_verified_bytes <- function(path, resource) {
  file <- file.path(path, resource$path)
  if (!file.exists(file)) {
    stop(sprintf("parkwatch: %s is missing (resource '%s')", file, resource$name), call. = FALSE)
  }
  bytes <- readBin(file, "raw", n = file.size(file))
  if (length(bytes) != resource$bytes) {
    stop(sprintf("parkwatch: %s: %d bytes, but datapackage.json says %s",
                 file, length(bytes), format(resource$bytes)), call. = FALSE)
  }
  expected <- sub("^sha256:", "", resource$hash)
  actual <- parkwatch_sha256(bytes)
  if (!identical(actual, expected)) {
    stop(sprintf("parkwatch: %s: sha256 is %s, but datapackage.json says %s", file, actual, expected),
         call. = FALSE)
  }
  bytes
}

# The readr column type a Table Schema field calls for.
parkwatch_col_type <- function(field) {
  enum <- field$constraints$enum
  if (!is.null(enum)) {
    return(readr::col_factor(levels = unlist(enum)))
  }
  switch(field$type,
    string = readr::col_character(),
    integer = readr::col_integer(),
    number = readr::col_double(),
    boolean = readr::col_logical(),
    date = readr::col_date(format = "%Y-%m-%d"),
    stop(sprintf("parkwatch: field '%s' has an unknown type '%s'", field$name, field$type), call. = FALSE)
  )
}

parkwatch_read_resource <- function(path, resource) {
  bytes <- parkwatch_verified_bytes(path, resource)
  schema <- jsonlite::fromJSON(file.path(path, resource$schema), simplifyVector = FALSE)
  names <- vapply(schema$fields, function(f) f$name, "")
  types <- lapply(schema$fields, parkwatch_col_type)
  names(types) <- names
  # readr only warns about cells it cannot parse; they are turned into an error just below.
  table <- withCallingHandlers(
    readr::read_csv(
      bytes, col_types = do.call(readr::cols, types), na = unlist(schema$missingValues),
      trim_ws = FALSE, progress = FALSE, show_col_types = FALSE, lazy = FALSE
    ),
    vroom_parse_issue = function(w) invokeRestart("muffleWarning")
  )
  problems <- readr::problems(table)
  if (nrow(problems) > 0) {
    first <- problems[1, ]
    stop(sprintf("parkwatch: %s: line %d, column %d: expected %s, got '%s' (%d problems)",
                 resource$path, first$row, first$col, first$expected, first$actual, nrow(problems)),
         call. = FALSE)
  }
  if (!identical(colnames(table), names)) {
    stop(sprintf("parkwatch: %s: columns are not the schema's: %s", resource$path,
                 paste(colnames(table), collapse = ", ")), call. = FALSE)
  }
  as.data.frame(table, stringsAsFactors = FALSE)
}

# Every table of the package at `path`, by name, as a data frame; every file's sha256 is checked.
read_parkwatch <- function(path = "datapackage") {
  descriptor_file <- file.path(path, "datapackage.json")
  if (!file.exists(descriptor_file)) {
    stop(sprintf("parkwatch: %s is not a data package: datapackage.json is missing", path), call. = FALSE)
  }
  descriptor <- jsonlite::fromJSON(descriptor_file, simplifyVector = FALSE)
  resources <- Filter(function(r) identical(r$format, "csv"), descriptor$resources)
  tables <- lapply(resources, function(r) parkwatch_read_resource(path, r))
  names(tables) <- vapply(resources, function(r) r$name, "")
  tables
}
