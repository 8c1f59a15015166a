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

# A relative path inside the package: not absolute, no "..", no backslash.
parkwatch_safe_name <- function(name) {
  nzchar(name) && !grepl("^(/|[A-Za-z]:)", name) && !grepl("\\", name, fixed = TRUE) &&
    !(".." %in% strsplit(name, "/", fixed = TRUE)[[1]])
}

# `name  hex` lines of a SHA256SUMS file, as a named character vector of hashes.
parkwatch_read_sums <- function(file) {
  lines <- readLines(file, warn = FALSE, encoding = "UTF-8")
  match <- regmatches(lines, regexec("^([0-9a-fA-F]{64}) [ *](.+)$", lines))
  match <- Filter(function(m) length(m) == 3, match)
  stats::setNames(tolower(vapply(match, function(m) m[2], "")), vapply(match, function(m) m[3], ""))
}

# Every file the descriptor vouches for (parkwatch:files and the resources), and a release's SHA256SUMS:
# a list of list(bytes = size or NULL, hash = hex, from = where it is listed), by relative path.
parkwatch_listed <- function(path, descriptor) {
  listed <- list()
  for (name in names(descriptor[["parkwatch:files"]])) {
    entry <- descriptor[["parkwatch:files"]][[name]]
    listed[[name]] <- list(bytes = entry$bytes, hash = sub("^sha256:", "", as.character(entry$hash)),
                           from = "datapackage.json")
  }
  for (resource in descriptor$resources) {
    if (!is.null(resource$path) && is.null(listed[[resource$path]])) {
      listed[[resource$path]] <- list(bytes = resource$bytes, hash = sub("^sha256:", "", if (is.null(resource$hash)) "" else resource$hash),
                                      from = "datapackage.json")
    }
  }
  sums_file <- file.path(path, "SHA256SUMS")
  if (file.exists(sums_file)) {
    sums <- parkwatch_read_sums(sums_file)
    for (name in names(sums)) {
      if (is.null(listed[[name]])) listed[[name]] <- list(bytes = NULL, hash = sums[[name]], from = "SHA256SUMS")
    }
  }
  listed
}

# Check every file of the package at `path` as `parkwatch verify` does: each listed file present, of its
# size and sha256; no file listed nowhere, no symbolic link. Returns the bytes of every file, by path.
parkwatch_verify <- function(path, descriptor) {
  listed <- parkwatch_listed(path, descriptor)
  on_disk <- list.files(path, recursive = TRUE, all.files = TRUE, no.. = TRUE)
  links <- on_disk[nzchar(Sys.readlink(file.path(path, on_disk)))]
  if (length(links) > 0) {
    stop(sprintf("parkwatch: %s is a symbolic link; a package holds regular files only", links[1]), call. = FALSE)
  }
  stray <- setdiff(on_disk, c(names(listed), "datapackage.json", "SHA256SUMS"))
  if (length(stray) > 0) {
    stop(sprintf("parkwatch: %s is not listed in datapackage.json or SHA256SUMS", stray[1]), call. = FALSE)
  }
  contents <- list()
  for (name in names(listed)) {
    entry <- listed[[name]]
    if (!parkwatch_safe_name(name)) {
      stop(sprintf("parkwatch: %s is not a relative path inside the package", name), call. = FALSE)
    }
    file <- file.path(path, name)
    if (!file.exists(file) || dir.exists(file)) {
      stop(sprintf("parkwatch: %s is missing (listed in %s)", file, entry$from), call. = FALSE)
    }
    bytes <- readBin(file, "raw", n = file.size(file))
    if (!is.null(entry$bytes) && length(bytes) != entry$bytes) {
      stop(sprintf("parkwatch: %s: %d bytes, but %s says %s", file, length(bytes), entry$from,
                   format(entry$bytes)), call. = FALSE)
    }
    actual <- parkwatch_sha256(bytes)
    if (!nzchar(entry$hash) || !identical(actual, entry$hash)) {
      stop(sprintf("parkwatch: %s: sha256 is %s, but %s says %s", file, actual, entry$from, entry$hash),
           call. = FALSE)
    }
    contents[[name]] <- bytes
  }
  contents
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

# One table from the verified bytes of its file and Table Schema (or, given a folder, read from there).
parkwatch_read_resource <- function(contents, resource) {
  if (is.character(contents)) {
    folder <- contents
    names <- c(resource$path, resource$schema)
    contents <- lapply(file.path(folder, names), function(f) readBin(f, "raw", n = file.size(f)))
    names(contents) <- names
  }
  bytes <- contents[[resource$path]]
  schema_bytes <- contents[[resource$schema]]
  if (is.null(bytes) || is.null(schema_bytes)) {
    stop(sprintf("parkwatch: resource '%s' has no verified file or Table Schema", resource$name), call. = FALSE)
  }
  schema_text <- rawToChar(schema_bytes)
  Encoding(schema_text) <- "UTF-8"
  schema <- tryCatch(jsonlite::fromJSON(schema_text, simplifyVector = FALSE), error = function(e) {
    stop(sprintf("parkwatch: %s is not a valid Table Schema: %s", resource$schema, conditionMessage(e)),
         call. = FALSE)
  })
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

# Every table of the package at `path`, by name, as a data frame. Every file is checked first, as
# `parkwatch verify` checks it: Table Schemas, data dictionary and licences as well as the tables.
read_parkwatch <- function(path = "datapackage") {
  descriptor_file <- file.path(path, "datapackage.json")
  if (!file.exists(descriptor_file) || dir.exists(descriptor_file)) {
    stop(sprintf("parkwatch: %s is not a data package: datapackage.json is missing", path), call. = FALSE)
  }
  descriptor <- tryCatch(jsonlite::fromJSON(descriptor_file, simplifyVector = FALSE), error = function(e) {
    stop(sprintf("parkwatch: %s is not valid JSON: %s", descriptor_file, conditionMessage(e)), call. = FALSE)
  })
  if (!is.list(descriptor$resources) || !all(vapply(descriptor$resources, is.list, TRUE))) {
    stop(sprintf("parkwatch: %s has no list of resources", descriptor_file), call. = FALSE)
  }
  contents <- parkwatch_verify(path, descriptor)
  resources <- Filter(function(r) identical(r$format, "csv"), descriptor$resources)
  tables <- lapply(resources, function(r) parkwatch_read_resource(contents, r))
  names(tables) <- vapply(resources, function(r) r$name, "")
  tables
}
